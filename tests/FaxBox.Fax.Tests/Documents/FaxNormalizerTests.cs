using FaxBox.Testing;
using BitMiracle.LibTiff.Classic;
using FaxBox.Fax.Documents;

namespace FaxBox.Fax.Tests.Documents;

public sealed class FaxNormalizerTests
{
    [Fact]
    public void Several_inputs_join_into_one_document_numbered_across_files()
    {
        using var dir = new TempFolder();
        TestPageGenerator.Write(dir.File("a.tif"), new TestPageOptions { Pages = 2 });
        TestPageGenerator.Write(dir.File("b.tif"), new TestPageOptions { Pages = 1, Resolution = FaxResolution.Standard });

        var result = FaxNormalizer.Normalize([dir.File("a.tif"), dir.File("b.tif")], dir.File("out.tif"), new FaxNormalizeOptions { Resolution = FaxResolution.Fine });

        Assert.Equal(3, result.PageActions.Count);
        Assert.StartsWith("page 3: ", result.PageActions[2], StringComparison.Ordinal);
        var joined = FaxDocument.Load(dir.File("out.tif"));
        Assert.Equal(3, joined.Pages.Count);
        Assert.True(FaxDocumentComparer.Compare(FaxDocument.Load(dir.File("a.tif")), new FaxDocument(joined.Pages.Take(2))).Identical);
        Assert.Equal(FaxResolution.Fine, joined.Pages[2].Resolution);
        using Tiff tif = Tiff.Open(dir.File("out.tif"), "r");
        tif.SetDirectory(2);
        FieldValue[] number = tif.GetField(TiffTag.PAGENUMBER);
        Assert.Equal((2, 3), (number[0].ToInt(), number[1].ToInt()));
    }

    [Fact]
    public void A_bad_input_among_several_is_named_and_nothing_is_written()
    {
        using var dir = new TempFolder();
        TestPageGenerator.Write(dir.File("a.tif"), new TestPageOptions { Pages = 1 });
        File.WriteAllText(dir.File("b.tif"), "not a tiff at all");

        var ex = Assert.Throws<FaxDocumentException>(() => FaxNormalizer.Normalize([dir.File("a.tif"), dir.File("b.tif")], dir.File("out.tif")));

        Assert.Equal(dir.File("b.tif"), ex.Path);
        Assert.False(File.Exists(dir.File("out.tif")));
    }

    [Fact]
    public void Page_1700_wide_at_200_dpi_is_centred_on_1728_without_scaling()
    {
        using var dir = new TempFolder();
        var source = Pattern.Page(1700, 80, 200, 200, 3);
        new TiffBuilder().Write(dir.File("in.tif"), source);

        var result = FaxNormalizer.Normalize(dir.File("in.tif"), dir.File("out.tif"));

        var page = FaxDocument.Load(dir.File("out.tif")).Pages.Single();
        Assert.Equal((1728, 80), (page.Width, page.Height));
        Assert.Equal(FaxResolution.Fine, page.Resolution);
        Assert.Equal(source.CountBlackPixels(), page.CountBlackPixels());
        for (int y = 0; y < 80; y++)
        {
            for (int x = 0; x < 1700; x++)
            {
                Assert.Equal(source.GetPixel(x, y), page.GetPixel(x + 14, y));
            }
        }

        Assert.Contains("padded to 1728", result.PageActions[0], StringComparison.Ordinal);
        Assert.True(FaxDocument.Inspect(dir.File("out.tif")).IsSendable);
    }

    [Fact]
    public void Letter_page_2550_wide_at_300_dpi_is_scaled_to_1728_fine_keeping_aspect()
    {
        using var dir = new TempFolder();
        var source = new FaxPage(2550, 3300, 300, 300);
        source.FillRectangle(0, 0, 2550, 3); // top rule
        source.FillRectangle(1275, 0, 1, 3300); // one-pixel vertical centre line
        source.FillRectangle(600, 1500, 1200, 600); // block
        new TiffBuilder { Compression = Compression.CCITTFAX4 }.Write(dir.File("in.tif"), source);

        FaxNormalizer.Normalize(dir.File("in.tif"), dir.File("out.tif"));

        var info = FaxDocument.Inspect(dir.File("out.tif"));
        Assert.True(info.IsSendable, string.Join("; ", info.Reasons));
        var page = FaxDocument.Load(dir.File("out.tif")).Pages.Single();
        Assert.Equal(1728, page.Width);
        Assert.InRange(page.Height, 2145, 2152); // 11 in × 196 × (1728/1734)
        Assert.Equal(FaxResolution.Fine, page.Resolution);
        int lineX = Enumerable.Range(0, 1728).Where(x => page.GetPixel(x, page.Height / 4)).Single();
        Assert.InRange(lineX, 862, 866);
        Assert.True(page.GetPixel(864, 1200)); // inside the block
        Assert.False(page.GetPixel(300, 1200));
    }

    [Fact]
    public void MinIsBlack_is_inverted()
    {
        using var dir = new TempFolder();
        var source = Pattern.Page(1728, 50, 204, 196, 4);
        new TiffBuilder { Photometric = Photometric.MINISBLACK, Compression = Compression.PACKBITS }.Write(dir.File("in.tif"), source);

        FaxNormalizer.Normalize(dir.File("in.tif"), dir.File("out.tif"));

        var info = FaxDocument.Inspect(dir.File("out.tif")).Pages.Single();
        Assert.Equal("min-is-white", info.Photometric);
        Pattern.AssertSamePixels(source, FaxDocument.Load(dir.File("out.tif")).Pages.Single());
    }

    [Fact]
    public void Missing_resolution_on_1728_page_is_guessed_from_aspect()
    {
        using var dir = new TempFolder();
        var fine = new FaxPage(1728, 2286, 204, 196);
        var standard = new FaxPage(1728, 1143, 204, 98);
        fine.FillRectangle(10, 10, 100, 100);
        new TiffBuilder { WriteResolution = false }.Write(dir.File("in.tif"), fine, standard);
        Assert.Null(FaxDocument.Inspect(dir.File("in.tif")).Pages[0].XDpi);
        Assert.False(FaxDocument.Inspect(dir.File("in.tif")).IsSendable);

        FaxNormalizer.Normalize(dir.File("in.tif"), dir.File("out.tif"));

        var pages = FaxDocument.Load(dir.File("out.tif")).Pages;
        Assert.Equal(FaxResolution.Fine, pages[0].Resolution);
        Assert.Equal(FaxResolution.Standard, pages[1].Resolution);
        Assert.Equal(2286, pages[0].Height);
        Assert.Equal(fine.CountBlackPixels(), pages[0].CountBlackPixels());
        Assert.True(FaxDocument.Inspect(dir.File("out.tif")).IsSendable);
    }

    [Fact]
    public void Lsb2Msb_mr_file_is_copied_raw_with_bits_reversed()
    {
        using var dir = new TempFolder();
        var source = Pattern.Page(1728, 120, 204, 196, 5);
        new TiffBuilder { Compression = Compression.CCITTFAX3, Group3Options = Group3Opt.ENCODING2D | Group3Opt.FILLBITS, FillOrder = FillOrder.LSB2MSB }
            .Write(dir.File("in.tif"), source);

        var result = FaxNormalizer.Normalize(dir.File("in.tif"), dir.File("out.tif"));

        Assert.Equal(1, result.PagesCopiedRaw);
        byte[] inRaw = RawStrip(dir.File("in.tif"));
        byte[] outRaw = RawStrip(dir.File("out.tif"));
        Assert.Equal(inRaw.Length, outRaw.Length);
        Assert.Equal(inRaw.Select(ReverseByte), outRaw);
        Assert.Equal("msb-to-lsb", FaxDocument.Inspect(dir.File("out.tif")).Pages[0].FillOrder);
        Pattern.AssertSamePixels(source, FaxDocument.Load(dir.File("out.tif")).Pages.Single());
    }

    [Fact]
    public void Lsb2Msb_uncompressed_input_is_decoded_with_right_bit_order()
    {
        using var dir = new TempFolder();
        var source = Pattern.Page(1728, 40, 204, 98, 6);
        new TiffBuilder { FillOrder = FillOrder.LSB2MSB }.Write(dir.File("in.tif"), source);

        FaxNormalizer.Normalize(dir.File("in.tif"), dir.File("out.tif"), new FaxNormalizeOptions { Compression = FaxCompression.T6 });

        Pattern.AssertSamePixels(source, FaxDocument.Load(dir.File("out.tif")).Pages.Single());
        Assert.Equal(FaxCompression.T6, FaxDocument.Inspect(dir.File("out.tif")).Pages[0].FaxCompression);
    }

    [Fact]
    public void Real_sample_is_passed_through_with_identical_strip_bytes()
    {
        using var dir = new TempFolder();
        string output = dir.File("out.tif");

        var result = FaxNormalizer.Normalize(TestFiles.SampleG3, output);

        Assert.Equal(2, result.PagesCopiedRaw);
        Assert.Equal(RawStrip(TestFiles.SampleG3, 0), RawStrip(output, 0));
        Assert.Equal(RawStrip(TestFiles.SampleG3, 1), RawStrip(output, 1));
        Assert.True(FaxDocumentComparer.Compare(TestFiles.SampleG3, output).Identical);
    }

    [Fact]
    public void Colour_input_is_rejected_with_clear_error_and_no_output()
    {
        using var dir = new TempFolder();
        new TiffBuilder { BitsPerSample = 8, SamplesPerPixel = 3, Photometric = Photometric.RGB }.Write(dir.File("rgb.tif"), new FaxPage(100, 10, 200, 200));

        var ex = Assert.Throws<FaxDocumentException>(() => FaxNormalizer.Normalize(dir.File("rgb.tif"), dir.File("out.tif")));

        Assert.StartsWith(dir.File("rgb.tif") + ": page 1: not bilevel", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("out.tif", string.Join(",", dir.Files()), StringComparison.Ordinal);
        Assert.Single(dir.Files());
    }

    internal static byte[] RawStrip(string path, int page = 0)
    {
        using Tiff tif = Tiff.Open(path, "r")!;
        tif.SetDirectory((short)page);
        return FaxNormalizer.ReadRawStrip(path, tif, 0);
    }

    private static byte ReverseByte(byte b)
    {
        int r = 0;
        for (int i = 0; i < 8; i++)
        {
            r = (r << 1) | ((b >> i) & 1);
        }

        return (byte)r;
    }
}
