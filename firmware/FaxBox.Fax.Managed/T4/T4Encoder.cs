namespace FaxBox.Fax.Managed.T4;

/// <summary>
/// Codes rows as ITU-T T.4 MH (§4.1) or MR (§4.2) or T.6 MMR, in line format: for T.4 every row starts with EOL (MR:
/// EOL plus the tag bit, 1 before a one-dimensional row, every K-th row; §4.2.1.3.1) and is followed by fill 0s up to the
/// minimum row length (§4.1.3); the page ends with RTC, six EOLs (MR: each with tag bit 1; §4.1.4 and §4.2.1.3.5).
/// T.6 rows follow one another without EOL and the page ends with EOFB (T.6 §2.4.1.1), then 0s to the octet.
/// Bits are packed first-sent in the most significant bit. The output buffer is sized per page; rows do not allocate.
/// </summary>
internal sealed class T4Encoder
{
    private readonly int _width;
    private int[] _ref;
    private int[] _cur;
    private int _refCount;
    private byte[] _out;
    private int _outLength;
    private ulong _bits;
    private int _bitCount;
    private long _rowBits;
    private FaxCompression _compression;
    private int _k;
    private int _minimumRowBits;
    private bool _finished;

    /// <summary>Creates an encoder for rows of <paramref name="width"/> pixels.</summary>
    public T4Encoder(int width)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        _width = width;
        _ref = new int[width + 4];
        _cur = new int[width + 4];
        _out = new byte[OutputCapacity(width, 0)];
        _finished = true;
    }

    /// <summary>Rows coded since <see cref="StartPage"/>.</summary>
    public int Rows { get; private set; }

    /// <summary>Octets produced since <see cref="StartPage"/>.</summary>
    public long Octets { get; private set; }

    /// <summary>Row width in pixels.</summary>
    public int Width => _width;

    /// <summary>
    /// The K parameter of T.4 §4.2.1.3.4 for MR: at most K − 1 two-dimensional rows follow a one-dimensional one;
    /// 2 at standard vertical resolution (3.85 lines/mm, <paramref name="yResolution"/> ≤ 3850 pixels per metre), 4 above.
    /// </summary>
    public static int KFor(int yResolution) => yResolution <= 4000 ? 2 : 4;

    /// <summary>
    /// Starts a page coded in <paramref name="compression"/>; <paramref name="k"/> as <see cref="KFor"/> (MR only);
    /// <paramref name="minimumRowBits"/> is the minimum coded row length in bits for non-ECM T.4 (0 for none).
    /// </summary>
    public void StartPage(FaxCompression compression, int k, int minimumRowBits)
    {
        if (compression is not (FaxCompression.T4OneDimensional or FaxCompression.T4TwoDimensional or FaxCompression.T6))
        {
            throw new ArgumentOutOfRangeException(nameof(compression), compression, "MH, MR or MMR");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(minimumRowBits);
        _compression = compression;
        _k = k;
        _minimumRowBits = compression == FaxCompression.T6 ? 0 : minimumRowBits;
        int capacity = OutputCapacity(_width, _minimumRowBits);
        if (_out.Length < capacity)
        {
            _out = new byte[capacity];
        }

        _refCount = 0;
        SetSentinels(_ref, 0);
        _bits = 0;
        _bitCount = 0;
        _outLength = 0;
        Rows = 0;
        Octets = 0;
        _finished = false;
    }

    /// <summary>Codes one packed row (1 = black, most significant bit first) and returns the complete octets produced.</summary>
    public ReadOnlySpan<byte> EncodeRow(ReadOnlySpan<byte> packed)
    {
        int n = T4Row.Unpack(packed, _width, _cur);
        return EncodeCurrent(n);
    }

    /// <summary>Codes one row given by its changing elements (<see cref="T4Row"/>) and returns the complete octets produced.</summary>
    public ReadOnlySpan<byte> EncodeRow(ReadOnlySpan<int> changes)
    {
        if (changes.Length > _width)
        {
            throw new ArgumentException($"{changes.Length} changes in a row of {_width} pixels", nameof(changes));
        }

        changes.CopyTo(_cur);
        return EncodeCurrent(changes.Length);
    }

    /// <summary>Ends the page with RTC (T.4) or EOFB (T.6), pads to the octet and returns the last octets.</summary>
    public ReadOnlySpan<byte> Finish()
    {
        if (_finished)
        {
            throw new InvalidOperationException("the page is not started or already finished");
        }

        _outLength = 0;
        if (_compression == FaxCompression.T6)
        {
            Put(T4Codes.Eol, T4Codes.EolBits);
            Put(T4Codes.Eol, T4Codes.EolBits);
        }
        else
        {
            // RTC: six EOLs (T.4 §4.1.4); in MR each is followed by tag bit 1 (§4.2.1.3.5).
            for (int i = 0; i < 6; i++)
            {
                PutEol(oneDimensionalNext: true);
            }
        }

        if (_bitCount > 0)
        {
            Put(0, 8 - _bitCount);
        }

        _finished = true;
        Octets += _outLength;
        return _out.AsSpan(0, _outLength);
    }

    private ReadOnlySpan<byte> EncodeCurrent(int count)
    {
        if (_finished)
        {
            throw new InvalidOperationException("the page is not started or already finished");
        }

        _outLength = 0;
        SetSentinels(_cur, count);
        _rowBits = 0;
        bool oneDimensional = _compression == FaxCompression.T4OneDimensional
            || (_compression == FaxCompression.T4TwoDimensional && Rows % _k == 0);
        if (_compression != FaxCompression.T6)
        {
            PutEol(oneDimensional);
        }

        if (oneDimensional)
        {
            Code1D(count);
        }
        else
        {
            Code2D();
        }

        if (_rowBits < _minimumRowBits)
        {
            // Fill (T.4 §4.1.3): 0s between the row's data and the next EOL.
            long fill = _minimumRowBits - _rowBits;
            while (fill > 0)
            {
                int n = (int)Math.Min(fill, 32);
                Put(0, n);
                fill -= n;
            }
        }

        (_ref, _cur) = (_cur, _ref);
        _refCount = count;
        Rows++;
        Octets += _outLength;
        return _out.AsSpan(0, _outLength);
    }

    private void Code1D(int count)
    {
        int position = 0;
        int colour = 0;
        for (int i = 0; i < count; i++)
        {
            PutRun(_cur[i] - position, colour);
            position = _cur[i];
            colour ^= 1;
        }

        PutRun(_width - position, colour);
    }

    /// <summary>The two-dimensional coding procedure of T.4 §4.2.1.3.3 (Figure 7/T.4).</summary>
    private void Code2D()
    {
        int a0 = -1;
        int colour = 0;
        int k = 0; // index of a1 in the coding line
        int bIndex = 0;
        int[] cur = _cur;
        int[] reference = _ref;
        while (a0 < _width)
        {
            int a1 = cur[k];
            bIndex = T4Decoder.FindB1(reference, bIndex, a0, colour);
            int b1 = reference[bIndex];
            int b2 = reference[bIndex + 1];
            if (b2 < a1)
            {
                PutMode(T4Mode.Pass);
                a0 = b2;
            }
            else if (a1 - b1 is >= -3 and <= 3)
            {
                PutMode((a1 - b1) switch
                {
                    0 => T4Mode.V0,
                    1 => T4Mode.VR1,
                    2 => T4Mode.VR2,
                    3 => T4Mode.VR3,
                    -1 => T4Mode.VL1,
                    -2 => T4Mode.VL2,
                    _ => T4Mode.VL3,
                });
                a0 = a1;
                colour ^= 1;
                k++;
            }
            else
            {
                int a2 = cur[k + 1];
                PutMode(T4Mode.Horizontal);
                PutRun(a1 - Math.Max(a0, 0), colour);
                PutRun(a2 - a1, colour ^ 1);
                a0 = a2;
                k += 2;
            }
        }
    }

    private void PutEol(bool oneDimensionalNext)
    {
        Put(T4Codes.Eol, T4Codes.EolBits);
        if (_compression == FaxCompression.T4TwoDimensional)
        {
            Put(oneDimensionalNext ? 1 : 0, 1);
        }
    }

    private void PutMode(T4Mode mode)
    {
        int e = T4Codes.ModeCode(mode);
        Put(e >> 8, e & 0xFF);
    }

    private void PutRun(int run, int colour)
    {
        while (run >= T4Codes.MaxMakeUp + 64)
        {
            PutEntry(T4Codes.MakeUp[(colour * 40) + (T4Codes.MaxMakeUp / 64) - 1]);
            run -= T4Codes.MaxMakeUp;
        }

        if (run >= 64)
        {
            PutEntry(T4Codes.MakeUp[(colour * 40) + (run / 64) - 1]);
            run &= 63;
        }

        PutEntry(T4Codes.Terminating[(colour * 64) + run]);
    }

    private void PutEntry(int entry) => Put(entry >> 8, entry & 0xFF);

    private void Put(int code, int length)
    {
        _bits = (_bits << length) | (uint)code;
        _bitCount += length;
        _rowBits += length;
        while (_bitCount >= 8)
        {
            _bitCount -= 8;
            _out[_outLength++] = (byte)(_bits >> _bitCount);
        }
    }

    private void SetSentinels(int[] changes, int count)
    {
        changes[count] = _width;
        changes[count + 1] = _width;
        changes[count + 2] = _width;
    }

    /// <summary>
    /// Octets one row can produce: at most 13 bits per pixel (a make-up and a terminating code per run, or a mode code
    /// and two runs), EOL and tag, fill, and the octets left from the row before.
    /// </summary>
    private static int OutputCapacity(int width, int minimumRowBits)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minimumRowBits, 1 << 24);
        return (Math.Max((width * 13) + 64, minimumRowBits + 64) / 8) + 64;
    }
}
