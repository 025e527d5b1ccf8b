using BenchmarkDotNet.Attributes;
using BitMiracle.LibTiff.Classic;
using FaxBox.Fax;
using FaxBox.Fax.Documents;
using FaxBox.Fax.Managed.T4;

namespace FaxBox.MicroBenchmarks.Fax;

/// <summary>
/// Decoding (and re-coding) one A4 fine test page (1728 × 2287, T.4 MR as libtiff codes it into TIFF) with the
/// streaming managed codec (FaxBox.Fax.Managed.T4, row by row, no page buffer) against LibTiff.NET decoding the strip
/// into a page buffer (baseline). The transcode cases are what the TIFF-F source and sink do per page: MR → MMR.
/// </summary>
[MemoryDiagnoser]
public class T4CodecBenchmarks
{
    private byte[] _tiff = [];
    private byte[] _strip = [];
    private int _height;
    private byte[] _page = [];
    private T4Decoder _decoder = null!;
    private T4Decoder _transcoder = null!;
    private CountingSink _counting = null!;
    private RecodingSink _recoding = null!;

    [GlobalSetup]
    public void Setup()
    {
        FaxPage page = TestPageGenerator.Generate(new TestPageOptions { Resolution = FaxResolution.Fine }).Pages[0];
        _height = page.Height;
        _tiff = TiffFaxWriter.Encode("bench.tif", [page], FaxCompression.T4TwoDimensional);
        using (Tiff tif = Open())
        {
            _strip = new byte[(int)tif.RawStripSize(0)];
            tif.ReadRawStrip(0, _strip, 0, _strip.Length);
        }

        _page = new byte[page.Stride * page.Height];
        _counting = new CountingSink();
        _decoder = new T4Decoder(page.Width, _counting);
        _recoding = new RecodingSink(page.Width);
        _transcoder = new T4Decoder(page.Width, _recoding);
        if (ManagedDecode() != page.CountBlackPixels() || LibTiffDecode() != page.CountBlackPixels())
        {
            throw new InvalidOperationException("the decoders disagree with the page");
        }

        if (ManagedTranscodeToMmr() < 1000)
        {
            throw new InvalidOperationException("transcoding produced almost nothing");
        }
    }

    /// <summary>LibTiff.NET decodes the MR strip into a page buffer; returns the black pixels.</summary>
    [Benchmark(Baseline = true)]
    public long LibTiffDecode()
    {
        using Tiff tif = Open();
        tif.ReadEncodedStrip(0, _page, 0, _page.Length);
        long black = 0;
        foreach (byte b in _page)
        {
            black += System.Numerics.BitOperations.PopCount(b);
        }

        return black;
    }

    /// <summary>LibTiff.NET decodes into a page buffer and codes it again as MMR.</summary>
    [Benchmark]
    public long LibTiffTranscodeToMmr()
    {
        using Tiff tif = Open();
        tif.ReadEncodedStrip(0, _page, 0, _page.Length);
        using var memory = new MemoryStream();
        using (Tiff output = TiffFaxWriter.OpenMemory("out.tif", memory))
        {
            TiffFaxWriter.WriteTags(output, 1728, _height, 204, 196, FaxCompression.T6, _height, 0, 1);
            output.WriteEncodedStrip(0, _page, _page.Length);
            output.WriteDirectory();
            output.Flush();
            return memory.Length;
        }
    }

    /// <summary>The streaming decoder over the same MR strip in 512-octet chunks; returns the black pixels.</summary>
    [Benchmark]
    public long ManagedDecode()
    {
        _counting.Black = 0;
        _decoder.Start(FaxCompression.T4TwoDimensional, _height);
        Feed(_decoder);
        return _counting.Black;
    }

    /// <summary>The streaming decoder feeding the streaming encoder (MR → MMR, row by row); returns the MMR octets.</summary>
    [Benchmark]
    public long ManagedTranscodeToMmr()
    {
        _recoding.Octets = 0;
        _recoding.Encoder.StartPage(FaxCompression.T6, 4, 0);
        _transcoder.Start(FaxCompression.T4TwoDimensional, _height);
        Feed(_transcoder);
        return _recoding.Octets + _recoding.Encoder.Finish().Length;
    }

    private void Feed(T4Decoder decoder)
    {
        for (int at = 0; at < _strip.Length; at += 512)
        {
            decoder.Write(_strip.AsSpan(at, Math.Min(512, _strip.Length - at)));
        }
    }

    private Tiff Open() => Tiff.ClientOpen("bench.tif", "r", new MemoryStream(_tiff, writable: false), new TiffStream())
        ?? throw new InvalidOperationException("cannot open the TIFF");

    private sealed class CountingSink : IT4RowSink
    {
        public long Black { get; set; }

        public void OnRow(ReadOnlySpan<int> changes, bool bad)
        {
            for (int i = 0; i < changes.Length; i += 2)
            {
                Black += (i + 1 < changes.Length ? changes[i + 1] : 1728) - changes[i];
            }
        }
    }

    private sealed class RecodingSink(int width) : IT4RowSink
    {
        public T4Encoder Encoder { get; } = new(width);

        public long Octets { get; set; }

        public void OnRow(ReadOnlySpan<int> changes, bool bad) => Octets += Encoder.EncodeRow(changes).Length;
    }
}
