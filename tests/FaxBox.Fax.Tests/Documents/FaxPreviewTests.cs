using FaxBox.Testing;
using FaxBox.Fax.Documents;

namespace FaxBox.Fax.Tests.Documents;

public sealed class FaxPreviewTests
{
    [Fact]
    public void Fine_page_is_1_bit_with_same_pixels()
    {
        using var dir = new TempFolder();
        var page = Pattern.Page(1728, 100, 204, 196, 7);

        FaxPreview.WritePng(dir.File("p.png"), page);

        var png = PngReader.Read(File.ReadAllBytes(dir.File("p.png")));
        Assert.Equal(new[] { "IHDR", "IDAT", "IEND" }, png.Chunks);
        Assert.Equal((1728, 100, 1, 0), (png.Width, png.Height, png.BitDepth, png.ColourType));
        for (int y = 0; y < 100; y++)
        {
            for (int x = 0; x < 1728; x++)
            {
                Assert.Equal(page.GetPixel(x, y), png.IsBlack(x, y));
            }
        }
    }

    [Fact]
    public void Standard_page_is_stretched_vertically_by_two()
    {
        var page = Pattern.Page(1728, 50, 204, 98, 8);
        using var ms = new MemoryStream();

        FaxPreview.WritePng(ms, page);

        var png = PngReader.Read(ms.ToArray());
        Assert.Equal((1728, 100), (png.Width, png.Height));
        for (int y = 0; y < 100; y++)
        {
            for (int x = 0; x < 1728; x += 7)
            {
                Assert.Equal(page.GetPixel(x, y / 2), png.IsBlack(x, y));
            }
        }
    }

    [Fact]
    public void MaxWidth_gives_8_bit_reduced_preview_with_paper_proportions()
    {
        var page = new FaxPage(1728, 1143, FaxResolution.Standard);
        page.FillRectangle(0, 0, 864, 1143); // left half black
        using var ms = new MemoryStream();

        FaxPreview.WritePng(ms, page, maxWidth: 432);

        var png = PngReader.Read(ms.ToArray());
        Assert.Equal(8, png.BitDepth);
        Assert.Equal(432, png.Width);
        Assert.Equal((int)Math.Round(1143 * (204.0 / 98) / 4), png.Height);
        Assert.Equal(0, png.Grey[10]);
        Assert.Equal(255, png.Grey[400]);
    }

    [Fact]
    public void Superfine_page_is_halved_vertically()
    {
        var (w, h, repeat) = FaxPreview.PreviewSize(new FaxPage(1728, 4572, FaxResolution.Superfine));
        Assert.Equal((1728, 2385, 0), (w, h, repeat));
    }

    [Fact]
    public void System_file_tool_agrees_on_dimensions()
    {
        using var dir = new TempFolder();
        var page = TestPageGenerator.Generate(new TestPageOptions { Resolution = FaxResolution.Standard }).Pages[0];
        FaxPreview.WritePng(dir.File("p.png"), page);

        var (code, output, _) = Tool.Run("file", dir.File("p.png"));

        Assert.Equal(0, code);
        Assert.Contains("PNG image data, 1728 x 2286, 1-bit grayscale", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Unwritable_folder_gives_FaxDocumentException_and_no_file()
    {
        using var dir = new TempFolder();
        string path = Path.Combine(dir.Path, "missing", "p.png");

        var ex = Assert.Throws<FaxDocumentException>(() => FaxPreview.WritePng(path, new FaxPage(100, 10, 204, 196)));

        Assert.StartsWith(path + ": ", ex.Message, StringComparison.Ordinal);
        Assert.Empty(dir.Files());
    }
}
