namespace FaxBox.Fax.Managed.T4;

/// <summary>
/// What <see cref="TiffT4DocumentSource"/> needs of one TIFF-F page to stream it: its geometry, how its strips are
/// coded, and where they are in the file (a few numbers per strip; the strip data stays in the file).
/// </summary>
/// <param name="Index">0-based page index.</param>
/// <param name="Format">Width and resolution.</param>
/// <param name="Height">Rows (ImageLength).</param>
/// <param name="Compression">How the strips are coded (MH, MR or MMR).</param>
/// <param name="ReverseBits">FillOrder 2: the first bit is in the least significant bit of each octet.</param>
/// <param name="MinIsBlack">PhotometricInterpretation MinIsBlack: coded "white" runs are black.</param>
/// <param name="RowsPerStrip">Rows in each strip but the last.</param>
/// <param name="StripOffsets">File offset of each strip.</param>
/// <param name="StripByteCounts">Octets in each strip.</param>
internal sealed record TiffT4SourcePage(
    int Index,
    T4PageFormat Format,
    int Height,
    FaxCompression Compression,
    bool ReverseBits,
    bool MinIsBlack,
    int RowsPerStrip,
    long[] StripOffsets,
    long[] StripByteCounts);
