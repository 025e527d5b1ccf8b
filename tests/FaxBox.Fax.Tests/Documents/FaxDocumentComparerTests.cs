using FaxBox.Testing;
using FaxBox.Fax.Documents;

namespace FaxBox.Fax.Tests.Documents;

public sealed class FaxDocumentComparerTests
{
    [Fact]
    public void Spandsp_style_lsb2msb_copy_of_sample_is_identical()
    {
        using var dir = new TempFolder();
        // What spandsp writes on receive: T.4 2-D, FillOrder LSB2MSB, one strip (made here by libtiff's tiffcp).
        var cp = Tool.Run("tiffcp", "-c", "g3:2d", "-f", "lsb2msb", "-r", "100000", TestFiles.SampleG3, dir.File("rx.tif"));
        Assert.Equal(0, cp.ExitCode);
        Assert.Equal("lsb-to-msb", FaxDocument.Inspect(dir.File("rx.tif")).Pages[0].FillOrder);

        var result = FaxDocumentComparer.Compare(TestFiles.SampleG3, dir.File("rx.tif"));

        Assert.True(result.Identical, result.ToString());
        Assert.Equal((2, 2, 0L), (result.ExpectedPages, result.ActualPages, result.DifferingPixels));
        Assert.All(result.Pages, p => Assert.True(p.ResolutionMatches));
    }

    [Fact]
    public void Counts_single_pixel_differences_per_page()
    {
        using var dir = new TempFolder();
        var a = Pattern.Page(1728, 40, 204, 196, 11);
        var b = Pattern.Page(1728, 40, 204, 196, 11);
        b.SetPixel(5, 5, !b.GetPixel(5, 5));
        b.SetPixel(1727, 39, !b.GetPixel(1727, 39));
        new FaxDocument([a, a]).Save(dir.File("a.tif"), Fax.FaxCompression.T6);
        new FaxDocument([a, b]).Save(dir.File("b.tif"), Fax.FaxCompression.T4OneDimensional);

        var result = FaxDocumentComparer.Compare(dir.File("a.tif"), dir.File("b.tif"));

        Assert.False(result.Identical);
        Assert.Equal(0, result.Pages[0].DifferingPixels);
        Assert.Equal(2, result.Pages[1].DifferingPixels);
        Assert.Equal(2, result.DifferingPixels);
    }

    [Fact]
    public void Different_size_and_missing_pages_count_every_pixel_of_the_larger_page()
    {
        var big = new FaxPage(1728, 100, 204, 196);
        var small = new FaxPage(1728, 90, 204, 196);

        var result = FaxDocumentComparer.Compare(new FaxDocument([big, big]), new FaxDocument([small]));

        Assert.False(result.Identical);
        Assert.Equal(1728 * 100, result.Pages[0].DifferingPixels);
        Assert.False(result.Pages[0].SizeMatches);
        Assert.Equal((1728, 100, 0, 0), (result.Pages[1].ExpectedWidth, result.Pages[1].ExpectedHeight, result.Pages[1].ActualWidth, result.Pages[1].ActualHeight));
        Assert.Equal(2L * 1728 * 100, result.DifferingPixels);
    }

    [Fact]
    public void Inspect_of_real_sample_is_sendable_mr_fine()
    {
        var info = FaxDocument.Inspect(TestFiles.SampleG3);
        Assert.True(info.IsSendable);
        Assert.All(info.Pages, p =>
        {
            Assert.Equal((1728, 2200, FaxResolution.Fine), (p.Width, p.Height, p.Resolution));
            Assert.Equal(Fax.FaxCompression.T4TwoDimensional, p.FaxCompression);
            Assert.Equal("T.4 2-D (MR)", p.Compression);
        });
    }
}
