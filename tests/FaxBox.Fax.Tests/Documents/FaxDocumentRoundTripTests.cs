using FaxBox.Testing;
using FaxBox.Fax.Documents;

namespace FaxBox.Fax.Tests.Documents;

public sealed class FaxDocumentRoundTripTests
{
    public static TheoryData<FaxCompression, FaxResolution, int> Matrix()
    {
        var data = new TheoryData<FaxCompression, FaxResolution, int>();
        foreach (var c in new[] { FaxCompression.T4OneDimensional, FaxCompression.T4TwoDimensional, FaxCompression.T6 })
        {
            foreach (var r in Enum.GetValues<FaxResolution>())
            {
                foreach (int w in r.T4Widths())
                {
                    data.Add(c, r, w);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Save_then_Load_gives_same_pixels_and_tags(FaxCompression compression, FaxResolution resolution, int width)
    {
        using var dir = new TempFolder();
        string path = dir.File("rt.tif");
        var pages = new[] { Pattern.Page(width, 60, resolution.XDpi(), resolution.YDpi(), 1), Pattern.Page(width, 45, resolution.XDpi(), resolution.YDpi(), 2) };
        new FaxDocument(pages).Save(path, compression);

        var loaded = FaxDocument.Load(path);
        Assert.Equal(2, loaded.Pages.Count);
        for (int i = 0; i < 2; i++)
        {
            Pattern.AssertSamePixels(pages[i], loaded.Pages[i]);
            Assert.Equal(resolution, loaded.Pages[i].Resolution);
        }

        var info = FaxDocument.Inspect(path);
        Assert.All(info.Pages, p => Assert.Equal(compression, p.FaxCompression));
        Assert.All(info.Pages, p => Assert.Equal("min-is-white", p.Photometric));
        Assert.Equal(new[] { "rt.tif" }, dir.Files());
    }

    [Fact]
    public void Sample_from_captures_loads_two_fine_pages()
    {
        var doc = FaxDocument.Load(TestFiles.SampleG3);
        Assert.Equal(2, doc.Pages.Count);
        Assert.All(doc.Pages, p =>
        {
            Assert.Equal(1728, p.Width);
            Assert.Equal(2200, p.Height);
            Assert.Equal(FaxResolution.Fine, p.Resolution);
            Assert.True(p.CountBlackPixels() > 1000);
        });
    }
}
