using BitMiracle.LibTiff.Classic;

namespace FaxBox.Fax.Documents;

/// <summary>The tags of one TIFF directory that matter for fax (TIFF 6.0 §3, §8, §11 and Class F).</summary>
internal sealed record TiffPageHeader(
    int Width,
    int Height,
    int BitsPerSample,
    int SamplesPerPixel,
    Compression Compression,
    Photometric Photometric,
    FillOrder FillOrder,
    double? XDpi,
    double? YDpi,
    Group3Opt Group3Options,
    bool Tiled,
    int Strips,
    int RowsPerStrip,
    PlanarConfig Planar)
{
    /// <summary>Reads the current directory's tags.</summary>
    public static TiffPageHeader Read(Tiff tif)
    {
        int width = Int(tif, TiffTag.IMAGEWIDTH, 0);
        int height = Int(tif, TiffTag.IMAGELENGTH, 0);
        int bps = Int(tif, TiffTag.BITSPERSAMPLE, 1);
        int spp = Int(tif, TiffTag.SAMPLESPERPIXEL, 1);
        var compression = (Compression)Int(tif, TiffTag.COMPRESSION, (int)Compression.NONE);
        var photometric = (Photometric)Int(tif, TiffTag.PHOTOMETRIC, -1);
        var fillOrder = (FillOrder)Int(tif, TiffTag.FILLORDER, (int)FillOrder.MSB2LSB);
        var g3 = compression == Compression.CCITTFAX3 ? (Group3Opt)Int(tif, TiffTag.GROUP3OPTIONS, 0) : 0;
        var planar = (PlanarConfig)Int(tif, TiffTag.PLANARCONFIG, (int)PlanarConfig.CONTIG);
        int rps = Int(tif, TiffTag.ROWSPERSTRIP, int.MaxValue);
        if (rps <= 0 || rps > height)
        {
            rps = height;
        }

        double? x = Real(tif, TiffTag.XRESOLUTION);
        double? y = Real(tif, TiffTag.YRESOLUTION);
        var unit = (ResUnit)Int(tif, TiffTag.RESOLUTIONUNIT, (int)ResUnit.INCH);
        if (unit == ResUnit.CENTIMETER)
        {
            x *= 2.54;
            y *= 2.54;
        }
        else if (unit != ResUnit.INCH)
        {
            // ResolutionUnit=None gives only an aspect ratio: treat as missing.
            x = null;
            y = null;
        }

        if (x is null || y is null)
        {
            x = null;
            y = null;
        }

        bool tiled = tif.IsTiled();
        int strips = tiled ? 0 : tif.NumberOfStrips();
        return new TiffPageHeader(width, height, bps, spp, compression, photometric, fillOrder, x, y, g3, tiled, strips, rps, planar);
    }

    /// <summary>The fax coding of the data, or null when it is not MH, MR or MMR.</summary>
    public FaxCompression? FaxCompression => Compression switch
    {
        Compression.CCITTFAX3 when (Group3Options & Group3Opt.ENCODING2D) != 0 => Fax.FaxCompression.T4TwoDimensional,
        Compression.CCITTFAX3 => Fax.FaxCompression.T4OneDimensional,
        Compression.CCITTFAX4 => Fax.FaxCompression.T6,
        _ => null,
    };

    /// <summary>Human-readable compression name.</summary>
    public string CompressionName => Compression switch
    {
        Compression.NONE => "none",
        Compression.CCITTRLE => "CCITT modified Huffman RLE",
        Compression.CCITTFAX3 when (Group3Options & Group3Opt.ENCODING2D) != 0 => "T.4 2-D (MR)",
        Compression.CCITTFAX3 => "T.4 1-D (MH)",
        Compression.CCITTFAX4 => "T.6 (MMR)",
        Compression.LZW => "LZW",
        Compression.PACKBITS => "PackBits",
        Compression.DEFLATE or Compression.ADOBE_DEFLATE => "Deflate",
        Compression.JPEG or Compression.OJPEG => "JPEG",
        _ => $"compression {(int)Compression}",
    };

    /// <summary>Human-readable photometric interpretation.</summary>
    public string PhotometricName => Photometric switch
    {
        Photometric.MINISWHITE => "min-is-white",
        Photometric.MINISBLACK => "min-is-black",
        Photometric.RGB => "RGB",
        Photometric.PALETTE => "palette",
        Photometric.SEPARATED => "separated",
        Photometric.YCBCR => "YCbCr",
        (Photometric)(-1) => "missing",
        _ => $"photometric {(int)Photometric}",
    };

    /// <summary>True for one sample of one bit (a bilevel image LibTiff can hand us as packed rows).</summary>
    public bool IsBilevel => BitsPerSample == 1 && SamplesPerPixel == 1;

    /// <summary>Reasons this directory cannot be decoded into a <see cref="FaxPage"/>, or an empty list.</summary>
    public List<string> DecodeProblems(bool requireResolution)
    {
        var problems = new List<string>();
        if (FaxPage.Validate(Width, Height, XDpi ?? 204, YDpi ?? 196) is { } geometry)
        {
            problems.Add(geometry);
        }

        if (!IsBilevel)
        {
            problems.Add($"not bilevel ({BitsPerSample} bit(s) per sample, {SamplesPerPixel} sample(s) per pixel, {PhotometricName})");
        }
        else if (Photometric is not (Photometric.MINISWHITE or Photometric.MINISBLACK or (Photometric)(-1)))
        {
            problems.Add($"unsupported photometric interpretation {PhotometricName}");
        }

        if (Tiled)
        {
            problems.Add("tiled images are not supported");
        }

        if (requireResolution && XDpi is null)
        {
            problems.Add("resolution missing");
        }

        return problems;
    }

    private static int Int(Tiff tif, TiffTag tag, int fallback)
    {
        FieldValue[]? v = tif.GetField(tag);
        return v is { Length: > 0 } ? v[0].ToInt() : fallback;
    }

    private static double? Real(Tiff tif, TiffTag tag)
    {
        FieldValue[]? v = tif.GetField(tag);
        if (v is not { Length: > 0 })
        {
            return null;
        }

        double d = v[0].ToDouble();
        return double.IsFinite(d) ? d : null;
    }
}
