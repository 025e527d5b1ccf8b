using FaxBox.Testing;
using System.Security.Cryptography;
using FaxBox.Fax.Documents;

namespace FaxBox.Fax.Tests.Documents;

public sealed class TestPageGeneratorTests
{
    [Theory]
    [InlineData(FaxResolution.Standard, 1143)]
    [InlineData(FaxResolution.Fine, 2286)]
    [InlineData(FaxResolution.Superfine, 4572)]
    public void Pages_are_A4_at_1728_and_sendable(FaxResolution resolution, int rows)
    {
        using var dir = new TempFolder();
        TestPageGenerator.Write(dir.File("tp.tif"), new TestPageOptions { Pages = 2, Resolution = resolution });

        var info = FaxDocument.Inspect(dir.File("tp.tif"));
        Assert.Equal(2, info.Pages.Count);
        Assert.True(info.IsSendable, string.Join("; ", info.Reasons));
        Assert.All(info.Pages, p =>
        {
            Assert.Equal((1728, rows), (p.Width, p.Height));
            Assert.Equal(resolution, p.Resolution);
            Assert.Equal(FaxCompression.T4TwoDimensional, p.FaxCompression);
            Assert.Equal("min-is-white", p.Photometric);
        });
    }

    [Fact]
    public void Same_options_give_same_bytes_and_different_options_different_bytes()
    {
        using var dir = new TempFolder();
        var options = new TestPageOptions { Pages = 2, StationIdent = "+49 30 1234567" };
        TestPageGenerator.Write(dir.File("a.tif"), options);
        TestPageGenerator.Write(dir.File("b.tif"), options);
        TestPageGenerator.Write(dir.File("c.tif"), new TestPageOptions { Pages = 2, StationIdent = "+49 30 1234568" });

        string a = Hash(dir.File("a.tif")), b = Hash(dir.File("b.tif")), c = Hash(dir.File("c.tif"));
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Pages_differ_in_page_number_and_have_content()
    {
        var doc = TestPageGenerator.Generate(new TestPageOptions { Pages = 3 });
        Assert.Equal(3, doc.Pages.Count);
        var cmp = FaxDocumentComparer.Compare(doc, TestPageGenerator.Generate(new TestPageOptions { Pages = 3 }));
        Assert.True(cmp.Identical);
        Assert.False(doc.Pages[0].Bits.SequenceEqual(doc.Pages[1].Bits));
        double black = (double)doc.Pages[0].CountBlackPixels() / (1728 * 2286);
        Assert.InRange(black, 0.05, 0.4);
    }

    [Fact]
    public void Header_text_is_drawn_at_top_left_with_the_built_in_font()
    {
        var page = TestPageGenerator.Generate(new TestPageOptions { StationIdent = "" }).Pages[0];
        // "2000-..." starts at 4 mm = 32 px, 2 mm = 15 rows; font dot = 0.3 mm = 2 px x 2 rows.
        // Glyph '2' row 0 is 01110: columns 1..3 black, column 0 white.
        Assert.False(page.GetPixel(32, 15));
        Assert.True(page.GetPixel(32 + 2, 15));
        Assert.True(page.GetPixel(32 + 7, 16));
        Assert.False(page.GetPixel(32 + 9, 16));
    }

    [Fact]
    public void Real_libtiff_tiffinfo_accepts_output_and_decodes_all_strips()
    {
        using var dir = new TempFolder();
        TestPageGenerator.Write(dir.File("tp.tif"), new TestPageOptions { Pages = 2, Resolution = FaxResolution.Standard });

        var (code, output, error) = Tool.Run("tiffinfo", "-D", dir.File("tp.tif"));

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error.Trim());
        Assert.Equal(2, CountOf(output, "Image Width: 1728 Image Length: 1143"));
        Assert.Equal(2, CountOf(output, "Resolution: 204, 98 pixels/inch"));
        Assert.Contains("Group 3 Options: 2-d encoding", output, StringComparison.Ordinal);
        Assert.Contains("Page Number: 1-2", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FaxCompression.T4OneDimensional, "g3:1d:fill")]
    [InlineData(FaxCompression.T4TwoDimensional, "g3:2d:fill")]
    [InlineData(FaxCompression.T6, "g4")]
    public void Tiffcmp_finds_our_file_equal_to_libtiffs_own_recoding(FaxCompression compression, string tiffcpCodec)
    {
        using var dir = new TempFolder();
        TestPageGenerator.Write(dir.File("ours.tif"), new TestPageOptions { Pages = 2, Compression = compression, Resolution = FaxResolution.Standard });

        var cp = Tool.Run("tiffcp", "-c", tiffcpCodec, dir.File("ours.tif"), dir.File("libtiff.tif"));
        Assert.Equal(0, cp.ExitCode);
        var cmp = Tool.Run("tiffcmp", dir.File("ours.tif"), dir.File("libtiff.tif"));

        Assert.True(cmp.ExitCode == 0, cmp.Output + cmp.Error);
        string[] differences = [.. cmp.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => !l.StartsWith("Directory ", StringComparison.Ordinal))];
        Assert.Empty(differences);
        Assert.Contains("Directory 1:", cmp.Output, StringComparison.Ordinal); // both pages were compared
    }

    [Fact]
    public void Bad_options_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TestPageGenerator.Generate(new TestPageOptions { Pages = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => TestPageGenerator.Generate(new TestPageOptions { StationIdent = new string('1', 21) }));
    }

    private static int CountOf(string text, string what) =>
        (text.Length - text.Replace(what, string.Empty, StringComparison.Ordinal).Length) / what.Length;

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}
