using FaxBox.Fax.Documents;
using FaxBox.Fax.Managed.T4;

namespace FaxBox.Fax.Managed.Tests.T30;

/// <summary>
/// A real T.4 one-dimensional (MH) document for interop with spandsp until the streaming TIFF source lands: rows
/// alternate in bands of 8 between all white and all black (white 0 + black 1728), each row EOL-led with fill bits for
/// the minimum scan line time, the page closed by RTC (T.4 §4.1). <see cref="Expected"/> is the same image as pixels.
/// </summary>
internal sealed class MhBarsSource(int pages, int rows, T4PageFormat format) : IT4DocumentSource
{
    public int PageCount => pages;

    public FaxCompression LastCompression { get; private set; }

    public T4PageFormat PageFormat(int page) => format;

    public IT4PageCoder StartPage(int page, FaxCompression compression, int minimumRowBits)
    {
        LastCompression = compression;
        var bits = new BitWriter();
        if (compression == FaxCompression.T6)
        {
            return new Coder(T6(bits, page), rows);
        }

        for (int r = 0; r < rows; r++)
        {
            int start = bits.Count;
            bool black = Black(r + page);
            bits.Eol(minimumRowBits, compression == FaxCompression.T4TwoDimensional);
            if (black)
            {
                bits.Add(0b00110101, 8); // white 0
                bits.Add(0b0000001100101, 13); // black make-up 1728
                bits.Add(0b0000110111, 10); // black 0
            }
            else
            {
                bits.Add(0b010011011, 9); // white make-up 1728
                bits.Add(0b00110101, 8); // white 0
            }

            _ = start;
        }

        for (int i = 0; i < 6; i++)
        {
            bits.Add(1, 12);
            if (compression == FaxCompression.T4TwoDimensional)
            {
                bits.Add(1, 1);
            }
        }

        return new Coder(bits.ToArray(), rows);
    }

    /// <summary>
    /// The page in T.6 (MMR): a row like the one above is V0 per changing element ("1" white, "11" black); a row of the
    /// other colour is horizontal mode ("001" and two runs); EOFB at the end (T.6 §2.2, Table 1).
    /// </summary>
    private byte[] T6(BitWriter bits, int page)
    {
        bool reference = false; // the imaginary white line above the first row
        for (int r = 0; r < rows; r++)
        {
            bool black = Black(r + page);
            if (black == reference)
            {
                bits.Add(black ? 0b11 : 0b1, black ? 2 : 1);
            }
            else if (black)
            {
                bits.Add(0b001, 3);
                bits.Add(0b00110101, 8); // white 0
                bits.Add(0b0000001100101, 13); // black make-up 1728
                bits.Add(0b0000110111, 10); // black 0
            }
            else
            {
                bits.Add(0b001, 3);
                bits.Add(0b010011011, 9); // white make-up 1728
                bits.Add(0b00110101, 8); // white 0
                bits.Add(0b0000110111, 10); // black 0
            }

            reference = black;
        }

        bits.Add(1, 12);
        bits.Add(1, 12);
        return bits.ToArray();
    }

    /// <summary>The pixels spandsp should decode.</summary>
    public FaxDocument Expected()
    {
        var list = new List<FaxPage>();
        for (int p = 0; p < pages; p++)
        {
            var page = new FaxPage(format.Width, rows, 204, format.YResolution == 7700 ? 196 : 98);
            for (int r = 0; r < rows; r++)
            {
                if (Black(r + p))
                {
                    page.FillRectangle(0, r, format.Width, 1);
                }
            }

            list.Add(page);
        }

        return new FaxDocument(list);
    }

    public void Dispose()
    {
    }

    private static bool Black(int row) => (row / 8) % 2 == 1;

    private sealed class Coder(byte[] data, int rows) : IT4PageCoder
    {
        public int Rows => rows;

        public int Read(long offset, Span<byte> destination)
        {
            if (offset >= data.Length)
            {
                return 0;
            }

            int n = (int)Math.Min(destination.Length, data.Length - offset);
            data.AsSpan((int)offset, n).CopyTo(destination);
            return n;
        }

        public void Dispose()
        {
        }
    }

    private sealed class BitWriter
    {
        private readonly List<byte> _octets = [];
        private int _bit;

        public int Count => (_octets.Count * 8) - (_bit == 0 ? 0 : 8 - _bit);

        public void Eol(int minimumRowBits, bool mr)
        {
            // Fill so the EOL ends on an octet boundary, then EOL (+ the 1D tag bit for MR).
            int pad = (8 - ((Count + 12 + (mr ? 1 : 0)) % 8)) % 8;
            Add(0, pad);
            Add(1, 12);
            if (mr)
            {
                Add(1, 1);
            }

            _ = minimumRowBits;
        }

        public void Add(int code, int length)
        {
            for (int i = length - 1; i >= 0; i--)
            {
                if (_bit == 0)
                {
                    _octets.Add(0);
                }

                if (((code >> i) & 1) != 0)
                {
                    _octets[^1] |= (byte)(0x80 >> _bit);
                }

                _bit = (_bit + 1) & 7;
            }
        }

        public byte[] ToArray() => [.. _octets];
    }
}
