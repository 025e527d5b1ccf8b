using FaxBox.Testing;
using BitMiracle.LibTiff.Classic;
using FaxBox.Fax.Documents;

namespace FaxBox.Fax.Tests.Documents;

/// <summary>
/// Every bad input gives a one-line FaxDocumentException naming the file, prints nothing (no LibTiff message on
/// stderr) and leaves no output file (not even a temporary one) behind.
/// </summary>
public sealed class BadInputTests
{
    public static TheoryData<string> Cases() => ["missing", "empty", "garbage", "truncated", "rgb", "grey", "wide", "lowres", "directory"];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Load_normalise_and_export_fail_cleanly(string kind)
    {
        using var dir = new TempFolder();
        string input = MakeInput(dir, kind);
        string[] before = dir.Files();

        var errors = new StringWriter();
        TextWriter original = Console.Error;
        Console.SetError(errors);
        try
        {
            AssertFails(input, () => FaxDocument.Load(input));
            AssertFails(input, () => FaxNormalizer.Normalize(input, dir.File("out.tif")));
            AssertFails(input, () => FaxPdfExporter.Export(input, dir.File("out.pdf")));
            AssertFails(input, () => FaxDocumentComparer.Compare(input, input));
        }
        finally
        {
            Console.SetError(original);
        }

        Assert.Equal(string.Empty, errors.ToString());
        Assert.Equal(before, dir.Files());
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("garbage")]
    [InlineData("empty")]
    public void Inspect_fails_cleanly_on_unreadable_files(string kind)
    {
        using var dir = new TempFolder();
        string input = MakeInput(dir, kind);
        AssertFails(input, () => FaxDocument.Inspect(input));
    }

    [Fact]
    public void Inspect_reports_non_bilevel_and_impossible_width_as_not_sendable()
    {
        using var dir = new TempFolder();
        var rgb = FaxDocument.Inspect(MakeInput(dir, "rgb"));
        var wide = FaxDocument.Inspect(MakeInput(dir, "wide"));

        Assert.False(rgb.IsSendable);
        Assert.Contains(rgb.Reasons, r => r.Contains("not bilevel", StringComparison.Ordinal));
        Assert.Contains(wide.Reasons, r => r.Contains("impossible width 12000", StringComparison.Ordinal));
    }

    [Fact]
    public void Unwritable_output_folder_fails_without_leaving_files()
    {
        using var dir = new TempFolder();
        string output = Path.Combine(dir.Path, "no-such-folder", "out.tif");
        var doc = TestPageGenerator.Generate(new TestPageOptions { Height = 100 });

        AssertFails(output, () => doc.Save(output));
        AssertFails(output, () => FaxNormalizer.Normalize(TestFiles.SampleG3, output));
        AssertFails(output, () => FaxPdfExporter.Export(TestFiles.SampleG3, output));
        Assert.Empty(dir.Files());
    }

    [Fact]
    public void Output_that_is_a_directory_fails_and_existing_output_survives_failed_write()
    {
        using var dir = new TempFolder();
        Directory.CreateDirectory(dir.File("sub.tif"));
        AssertFails(dir.File("sub.tif"), () => FaxNormalizer.Normalize(TestFiles.SampleG3, dir.File("sub.tif")));

        File.WriteAllText(dir.File("keep.pdf"), "old");
        string bad = MakeInput(dir, "garbage");
        AssertFails(bad, () => FaxPdfExporter.Export(bad, dir.File("keep.pdf")));
        Assert.Equal("old", File.ReadAllText(dir.File("keep.pdf")));
    }

    private static void AssertFails(string path, Action action)
    {
        var ex = Assert.Throws<FaxDocumentException>(action);
        Assert.StartsWith(path + ": ", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
        Assert.DoesNotContain(path, ex.Message[(path.Length + 2)..], StringComparison.Ordinal); // file named once
        Assert.True(ex.Message.Length > path.Length + 4, ex.Message);
    }

    private static string MakeInput(TempFolder dir, string kind)
    {
        string path = dir.File(kind + ".tif");
        switch (kind)
        {
            case "missing":
                break;
            case "empty":
                File.WriteAllBytes(path, []);
                break;
            case "garbage":
                File.WriteAllBytes(path, [.. Enumerable.Range(0, 4000).Select(i => (byte)((i * 7919) >> 3))]);
                break;
            case "truncated":
                byte[] sample = File.ReadAllBytes(TestFiles.SampleG3);
                File.WriteAllBytes(path, sample[..(sample.Length / 3)]);
                break;
            case "rgb":
                new TiffBuilder { BitsPerSample = 8, SamplesPerPixel = 3, Photometric = Photometric.RGB }.Write(path, new FaxPage(64, 8, 200, 200));
                break;
            case "grey":
                new TiffBuilder { BitsPerSample = 8, Photometric = Photometric.MINISBLACK }.Write(path, new FaxPage(64, 8, 200, 200));
                break;
            case "wide":
                WriteRawHeaderTiff(path, width: 12000, xDpi: 204);
                break;
            case "lowres":
                WriteRawHeaderTiff(path, width: 1728, xDpi: 2);
                break;
            case "directory":
                Directory.CreateDirectory(path);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }

        return path;
    }

    /// <summary>A one-row uncompressed bilevel TIFF with arbitrary width and resolution (bypasses FaxPage checks).</summary>
    private static void WriteRawHeaderTiff(string path, int width, double xDpi)
    {
        using Tiff tif = Tiff.Open(path, "w")!;
        tif.SetField(TiffTag.IMAGEWIDTH, width);
        tif.SetField(TiffTag.IMAGELENGTH, 1);
        tif.SetField(TiffTag.BITSPERSAMPLE, 1);
        tif.SetField(TiffTag.SAMPLESPERPIXEL, 1);
        tif.SetField(TiffTag.PHOTOMETRIC, Photometric.MINISWHITE);
        tif.SetField(TiffTag.ROWSPERSTRIP, 1);
        tif.SetField(TiffTag.XRESOLUTION, (float)xDpi);
        tif.SetField(TiffTag.YRESOLUTION, 196f);
        tif.SetField(TiffTag.RESOLUTIONUNIT, ResUnit.INCH);
        byte[] row = new byte[(width + 7) / 8];
        tif.WriteEncodedStrip(0, row, row.Length);
        tif.WriteDirectory();
    }
}
