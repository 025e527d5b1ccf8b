using BitMiracle.LibTiff.Classic;
using FaxBox.Fax.Documents;

namespace FaxBox.Fax.Tests.Documents;

/// <summary>Writes arbitrary (including non-fax) TIFFs with LibTiff directly, to feed the code under test.</summary>
internal sealed class TiffBuilder
{
    public Compression Compression { get; init; } = Compression.NONE;

    public Photometric Photometric { get; init; } = Photometric.MINISWHITE;

    public FillOrder FillOrder { get; init; } = FillOrder.MSB2LSB;

    public Group3Opt Group3Options { get; init; } = Group3Opt.FILLBITS;

    public bool WriteResolution { get; init; } = true;

    public int RowsPerStrip { get; init; }

    public int BitsPerSample { get; init; } = 1;

    public int SamplesPerPixel { get; init; } = 1;

    /// <summary>Writes the pages; pixel data are taken from the pages (1 = black), inverted for MinIsBlack.</summary>
    public void Write(string path, params FaxPage[] pages)
    {
        using Tiff tif = Tiff.Open(path, "w") ?? throw new InvalidOperationException("cannot open " + path);
        foreach (var page in pages)
        {
            tif.SetField(TiffTag.IMAGEWIDTH, page.Width);
            tif.SetField(TiffTag.IMAGELENGTH, page.Height);
            tif.SetField(TiffTag.BITSPERSAMPLE, BitsPerSample);
            tif.SetField(TiffTag.SAMPLESPERPIXEL, SamplesPerPixel);
            tif.SetField(TiffTag.PHOTOMETRIC, Photometric);
            tif.SetField(TiffTag.FILLORDER, FillOrder);
            tif.SetField(TiffTag.PLANARCONFIG, PlanarConfig.CONTIG);
            tif.SetField(TiffTag.COMPRESSION, Compression);
            if (Compression == Compression.CCITTFAX3)
            {
                tif.SetField(TiffTag.GROUP3OPTIONS, Group3Options);
            }

            int rps = RowsPerStrip > 0 ? RowsPerStrip : page.Height;
            tif.SetField(TiffTag.ROWSPERSTRIP, rps);
            if (WriteResolution)
            {
                tif.SetField(TiffTag.XRESOLUTION, (float)page.XDpi);
                tif.SetField(TiffTag.YRESOLUTION, (float)page.YDpi);
                tif.SetField(TiffTag.RESOLUTIONUNIT, ResUnit.INCH);
            }

            int stride = tif.ScanlineSize();
            byte[] data = new byte[stride * page.Height];
            if (BitsPerSample == 1 && SamplesPerPixel == 1)
            {
                page.Bits.CopyTo(data);
                if (Photometric == Photometric.MINISBLACK)
                {
                    for (int i = 0; i < data.Length; i++)
                    {
                        data[i] = (byte)~data[i];
                    }
                }
            }

            int strips = (page.Height + rps - 1) / rps;
            for (int s = 0; s < strips; s++)
            {
                int rows = Math.Min(rps, page.Height - (s * rps));
                if (tif.WriteEncodedStrip(s, data, s * rps * stride, rows * stride) < 0)
                {
                    throw new InvalidOperationException("cannot write strip");
                }
            }

            tif.WriteDirectory();
        }
    }
}
