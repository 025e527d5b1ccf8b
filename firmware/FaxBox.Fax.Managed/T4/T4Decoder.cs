using System.Numerics;

namespace FaxBox.Fax.Managed.T4;

/// <summary>
/// A push decoder of ITU-T T.4 MH/MR and T.6 MMR coded data: octets of any chunking in (<see cref="Write"/>), rows out
/// to an <see cref="IT4RowSink"/> as changing elements. State is kept between calls at code granularity, so a code may
/// span any number of writes. Fill 0s before EOL are ignored (T.4 §4.1.3). A T.4 row that does not decode (a bad code,
/// too long, or cut short by an EOL) is a bad row: it is replaced by the row before it and the decoder resynchronises
/// at the next EOL; in MR the two-dimensional rows up to the next one-dimensional row are bad too. Four consecutive EOLs
/// (four of RTC's six, T.4 §4.1.4) or EOFB (T.6 §2.4.1.1) end the page; what follows is ignored. In T.6 there is no
/// EOL to resynchronise on: a bad code ends the page with <see cref="Error"/> set. Buffers are sized per width at
/// construction; decoding does not allocate.
/// </summary>
internal sealed class T4Decoder
{
    private const int MinEolZeros = 11;

    /// <summary>
    /// Consecutive EOLs taken as RTC. T.4 §4.1.4 sends six; four tolerate damage to RTC itself, while a 0 of fill
    /// flipped to 1 (which looks like an EOL followed by an empty row) does not end the page.
    /// </summary>
    private const int EolsForRtc = 4;

    private readonly int _width;
    private readonly IT4RowSink _sink;
    private int[] _ref;
    private int[] _cur;
    private int _refCount;
    private int _curCount;
    private FaxCompression _compression;
    private int _maxRows;

    private ulong _acc;
    private int _accBits;

    private State _state;
    private int _a0;
    private int _colour;
    private int _run;
    private int _bIndex;
    private int _horizontalRuns;
    private int _horizontalA1;
    private bool _row2D;
    private bool _rowStarted;
    private int _zeros;
    private bool _eolSeen;
    private int _consecutiveEols;
    private bool _needOneDimensional;
    private int _badRun;

    /// <summary>Creates a decoder for rows of <paramref name="width"/> pixels delivering rows to <paramref name="sink"/>.</summary>
    public T4Decoder(int width, IT4RowSink sink)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentNullException.ThrowIfNull(sink);
        _width = width;
        _sink = sink;
        _ref = new int[width + 4];
        _cur = new int[width + 4];
        _state = State.End;
    }

    private enum State
    {
        /// <summary>T.4: looking for the page's first EOL; anything before it is ignored.</summary>
        Sync,

        /// <summary>T.4: after a bad row, looking for the next EOL.</summary>
        SeekEol,

        /// <summary>MR: the tag bit after an EOL.</summary>
        Tag,

        /// <summary>Codes of a row.</summary>
        RowData,

        /// <summary>At least eleven 0s seen inside a row or at its start: reading the rest of an EOL.</summary>
        EolInRow,

        /// <summary>T.4: a row is complete; fill and its EOL follow.</summary>
        RowEnd,

        /// <summary>The page (or the row limit) is reached, or T.6 data failed.</summary>
        End,
    }

    /// <summary>Row width in pixels.</summary>
    public int Width => _width;

    /// <summary>Rows delivered since <see cref="Start"/>, bad rows included.</summary>
    public int Rows { get; private set; }

    /// <summary>Rows that did not decode and were replaced by the row before them.</summary>
    public int BadRows { get; private set; }

    /// <summary>The longest run of consecutive bad rows.</summary>
    public int LongestBadRowRun { get; private set; }

    /// <summary>True once RTC (T.4) or EOFB (T.6) was seen.</summary>
    public bool EndOfPage { get; private set; }

    /// <summary>True when no more rows will come: end of page, the row limit, or a T.6 error.</summary>
    public bool IsFinished => _state == State.End;

    /// <summary>Why T.6 data stopped decoding (which row, which code), or null.</summary>
    public string? Error { get; private set; }

    /// <summary>
    /// Starts a page (or a TIFF strip, which restarts coding) in <paramref name="compression"/>, with an all-white
    /// reference row; decoding stops after <paramref name="maxRows"/> rows.
    /// </summary>
    public void Start(FaxCompression compression, int maxRows = int.MaxValue)
    {
        if (compression is not (FaxCompression.T4OneDimensional or FaxCompression.T4TwoDimensional or FaxCompression.T6))
        {
            throw new ArgumentOutOfRangeException(nameof(compression), compression, "MH, MR or MMR");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(maxRows, 1);
        _compression = compression;
        _maxRows = maxRows;
        _acc = 0;
        _accBits = 0;
        _refCount = 0;
        SetSentinels(_ref, 0);
        Rows = 0;
        BadRows = 0;
        LongestBadRowRun = 0;
        _badRun = 0;
        EndOfPage = false;
        Error = null;
        _zeros = 0;
        _eolSeen = false;
        _consecutiveEols = 0;
        _needOneDimensional = false;
        if (compression == FaxCompression.T6)
        {
            StartRow(twoDimensional: true);
        }
        else
        {
            _state = State.Sync;
        }
    }

    /// <summary>Decodes the next octets (first bit in the most significant bit).</summary>
    public void Write(ReadOnlySpan<byte> data)
    {
        int position = 0;
        while (_state != State.End)
        {
            while (_accBits <= 56 && position < data.Length)
            {
                _acc |= (ulong)data[position++] << (56 - _accBits);
                _accBits += 8;
            }

            if (!Step())
            {
                if (position >= data.Length)
                {
                    return;
                }

                if (_accBits > 56)
                {
                    // Every step decides with at most 13 bits: a full accumulator that cannot step is a decoder bug.
                    throw new InvalidOperationException($"T.4 decoder stuck in {_state} with {_accBits} bits");
                }
            }
        }
    }

    /// <summary>
    /// The index in <paramref name="reference"/> of b1 (T.4 §4.2.1.3.1): the first changing element right of
    /// <paramref name="a0"/> of the colour opposite to a0's (<paramref name="colour"/>); b2 follows it. Changes at even
    /// indices are white→black, so b1 has the parity of a0's colour. The search starts one before the previous b1
    /// (<paramref name="from"/>), the earliest the next b1 can be. The reference row ends with three sentinels at width.
    /// </summary>
    internal static int FindB1(int[] reference, int from, int a0, int colour)
    {
        int i = from > 0 ? from - 1 : 0;
        if ((i & 1) != colour)
        {
            i++;
        }

        while (reference[i] <= a0)
        {
            i += 2;
        }

        return i;
    }

    /// <summary>One decoding step; false when more input is needed.</summary>
    private bool Step()
    {
        switch (_state)
        {
            case State.Sync:
            case State.SeekEol:
                if (!ReadZerosThroughOne(out bool eol))
                {
                    return false;
                }

                if (eol)
                {
                    OnEol();
                }
                else
                {
                    _eolSeen = false;
                }

                return true;
            case State.Tag:
                if (_accBits < 1)
                {
                    return false;
                }

                bool oneDimensional = (_acc >> 63) != 0;
                Consume(1);
                if (oneDimensional)
                {
                    _needOneDimensional = false;
                    StartRow(twoDimensional: false);
                }
                else if (_needOneDimensional)
                {
                    // A two-dimensional row after a bad one has no reference: bad too.
                    _state = State.SeekEol;
                }
                else
                {
                    StartRow(twoDimensional: true);
                }

                return true;
            case State.RowData:
                return _row2D && _horizontalRuns == 0 ? StepMode() : StepRun();
            case State.EolInRow:
                if (!ReadZerosThroughOne(out _))
                {
                    return false;
                }

                OnEol();
                return true;
            case State.RowEnd:
                if (!ReadZerosThroughOne(out bool end))
                {
                    return false;
                }

                if (end)
                {
                    OnEol();
                }
                else
                {
                    // Data where an EOL belongs: the row after is lost.
                    _eolSeen = false;
                    BadCode();
                }

                return true;
            default:
                return false;
        }
    }

    private bool StepRun()
    {
        int colour = _horizontalRuns == 1 ? _colour ^ 1 : _colour;
        int entry = (colour == 0 ? T4Codes.WhiteDecode : T4Codes.BlackDecode)[(int)(_acc >> (64 - T4Codes.MaxCodeBits))];
        if (entry == 0)
        {
            return NoCode(T4Codes.MaxCodeBits);
        }

        int length = entry & 0xFF;
        if (length > _accBits)
        {
            return false;
        }

        Consume(length);
        _eolSeen = false;
        _rowStarted = true;
        int run = entry >> 8;
        _run += run;
        if (run >= 64)
        {
            if (_run > _width)
            {
                BadCode();
            }

            return true;
        }

        int start = _horizontalRuns == 1 ? _horizontalA1 : Math.Max(_a0, 0);
        int end = start + _run;
        _run = 0;
        if (end > _width)
        {
            BadCode();
            return true;
        }

        if (_horizontalRuns == 2)
        {
            _horizontalA1 = end;
            _horizontalRuns = 1;
            AddChange(end);
            return true;
        }

        AddChange(end);
        _a0 = end;
        if (_horizontalRuns == 1)
        {
            _horizontalRuns = 0;
        }
        else
        {
            _colour ^= 1;
        }

        if (end == _width)
        {
            RowComplete();
        }

        return true;
    }

    private bool StepMode()
    {
        int entry = T4Codes.ModeDecode[(int)(_acc >> 57)];
        if (entry == 0)
        {
            return NoCode(7);
        }

        int length = entry & 0xFF;
        if (length > _accBits)
        {
            return false;
        }

        Consume(length);
        _eolSeen = false;
        _rowStarted = true;
        var mode = (T4Mode)(entry >> 8);
        if (mode == T4Mode.Horizontal)
        {
            _horizontalRuns = 2;
            return true;
        }

        _bIndex = FindB1(_ref, _bIndex, _a0, _colour);
        int b1 = _ref[_bIndex];
        if (mode == T4Mode.Pass)
        {
            int b2 = _ref[_bIndex + 1];
            if (b2 >= _width)
            {
                BadCode();
                return true;
            }

            _a0 = b2;
            return true;
        }

        int a1 = b1 + mode switch
        {
            T4Mode.VR1 => 1,
            T4Mode.VR2 => 2,
            T4Mode.VR3 => 3,
            T4Mode.VL1 => -1,
            T4Mode.VL2 => -2,
            T4Mode.VL3 => -3,
            _ => 0,
        };
        if (a1 <= _a0 || a1 > _width)
        {
            BadCode();
            return true;
        }

        AddChange(a1);
        _a0 = a1;
        _colour ^= 1;
        if (a1 == _width)
        {
            RowComplete();
        }

        return true;
    }

    /// <summary>
    /// No code starts at the next bits: either 0s of fill/EOL (eleven or more), a code cut by the end of the input so
    /// far, or a bad code.
    /// </summary>
    private bool NoCode(int codeBits)
    {
        int zeros = Math.Min(BitOperations.LeadingZeroCount(_acc), _accBits);
        if (zeros >= MinEolZeros)
        {
            _zeros = 0;
            _state = State.EolInRow;
            return true;
        }

        if (zeros == _accBits || _accBits < codeBits)
        {
            return false;
        }

        BadCode();
        return true;
    }

    /// <summary>Consumes 0s and the 1 ending them; false when the input ends first. <paramref name="eol"/>: ≥ 11 0s.</summary>
    private bool ReadZerosThroughOne(out bool eol)
    {
        eol = false;
        int zeros = BitOperations.LeadingZeroCount(_acc);
        if (zeros >= _accBits)
        {
            _zeros = Math.Min(_zeros + _accBits, 1 << 20);
            _acc = 0;
            _accBits = 0;
            return false;
        }

        Consume(zeros + 1);
        eol = _zeros + zeros >= MinEolZeros;
        _zeros = 0;
        return true;
    }

    private void OnEol()
    {
        State state = _state;
        _consecutiveEols = _eolSeen ? _consecutiveEols + 1 : 1;
        bool consecutive = _eolSeen;
        _eolSeen = true;
        if (_compression == FaxCompression.T6)
        {
            if (_rowStarted)
            {
                Fail("EOL inside a row");
                return;
            }

            // EOFB (T.6 §2.4.1.1): its second EOL and anything after are not needed.
            EndOfPage = true;
            _state = State.End;
            return;
        }

        if (_consecutiveEols >= EolsForRtc)
        {
            EndOfPage = true;
            _state = State.End;
            return;
        }

        if (consecutive && (state == State.SeekEol || (state == State.EolInRow && !_rowStarted)))
        {
            // An EOL with no row before it (a flipped fill bit, or RTC under way): nothing to deliver.
            NextRowAfterEol();
            return;
        }

        if (state == State.SeekEol || (state == State.EolInRow && _rowStarted))
        {
            // The row this EOL ends did not decode (bad code, or cut short).
            EmitBad();
            if (_state == State.End)
            {
                return;
            }
        }

        NextRowAfterEol();
    }

    private void NextRowAfterEol()
    {
        if (_compression == FaxCompression.T4TwoDimensional)
        {
            _state = State.Tag;
        }
        else
        {
            StartRow(twoDimensional: false);
        }
    }

    private void StartRow(bool twoDimensional)
    {
        _state = State.RowData;
        _row2D = twoDimensional;
        _a0 = -1;
        _colour = 0;
        _run = 0;
        _bIndex = 0;
        _horizontalRuns = 0;
        _curCount = 0;
        _rowStarted = false;
    }

    private void AddChange(int position)
    {
        if (position >= _width)
        {
            return;
        }

        if (_curCount > 0 && _cur[_curCount - 1] == position)
        {
            // Two changes at one place (a run of 0 inside the row) cancel.
            _curCount--;
            return;
        }

        _cur[_curCount++] = position;
    }

    private void RowComplete()
    {
        (_ref, _cur) = (_cur, _ref);
        _refCount = _curCount;
        SetSentinels(_ref, _refCount);
        _badRun = 0;
        Rows++;
        _sink.OnRow(_ref.AsSpan(0, _refCount), bad: false);
        if (Rows >= _maxRows)
        {
            _state = State.End;
        }
        else if (_compression == FaxCompression.T6)
        {
            StartRow(twoDimensional: true);
        }
        else
        {
            _state = State.RowEnd;
            _zeros = 0;
        }
    }

    private void BadCode()
    {
        if (_compression == FaxCompression.T6)
        {
            Fail("bad code");
            return;
        }

        _zeros = 0;
        _state = State.SeekEol;
    }

    private void EmitBad()
    {
        Rows++;
        BadRows++;
        _badRun++;
        LongestBadRowRun = Math.Max(LongestBadRowRun, _badRun);
        _needOneDimensional = _compression == FaxCompression.T4TwoDimensional;
        _sink.OnRow(_ref.AsSpan(0, _refCount), bad: true);
        if (Rows >= _maxRows)
        {
            _state = State.End;
        }
    }

    private void Fail(string what)
    {
        Error = $"T.6 data: {what} in row {Rows + 1}";
        _state = State.End;
    }

    private void Consume(int bits)
    {
        // A shift by 64 would be a shift by 0 (C# masks the count).
        _acc = bits >= 64 ? 0 : _acc << bits;
        _accBits -= bits;
    }

    private void SetSentinels(int[] changes, int count)
    {
        changes[count] = _width;
        changes[count + 1] = _width;
        changes[count + 2] = _width;
    }
}
