using FaxBox.Fax.Modems;

namespace FaxBox.Fax.Managed.Hdlc;

/// <summary>
/// HDLC receive framing for T.30 (T.30 §5.3, ISO/IEC 13239 §4): takes bits from a modem receiver, finds flags
/// (01111110), removes the zero inserted after five ones, detects aborts (seven ones), checks the 16-bit FCS and
/// delivers each frame between flags to an <see cref="IHdlcFrameSink"/>. Frames that are not a whole number of octets
/// or shorter than <see cref="MinimumOctets"/> are dropped silently (noise between flags); longer than
/// <see cref="MaximumOctets"/> are dropped until the next flag. Carrier status from the modem is passed on. Allocation-free.
/// </summary>
public sealed class HdlcDecoder : IModemBitSink
{
    /// <summary>The shortest frame delivered: address, control and FCS (T.30 §5.3.2–5.3.7).</summary>
    public const int MinimumOctets = 4;

    /// <summary>
    /// The longest frame accepted with its FCS: an ECM frame of 256 octets of data plus address, control, FCF, frame
    /// number and FCS (T.4 Annex A), with room to spare.
    /// </summary>
    public const int MaximumOctets = 270;

    private readonly IHdlcFrameSink _sink;
    private readonly byte[] _buffer = new byte[MaximumOctets];
    private int _ones;
    private int _octets;
    private int _bits;
    private int _partial;
    private bool _inFrame;
    private bool _overflow;
    private int _flagsInRow;
    private bool _framingReported;

    /// <param name="sink">Where frames and events go.</param>
    /// <param name="framingOkFlags">Flags in a row that count as the preamble (default 4).</param>
    public HdlcDecoder(IHdlcFrameSink sink, int framingOkFlags = 4)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(framingOkFlags);
        _sink = sink;
        FramingOkFlags = framingOkFlags;
    }

    /// <summary>Flags in a row that count as the preamble.</summary>
    public int FramingOkFlags { get; }

    /// <summary>Frames delivered with a good FCS.</summary>
    public long GoodFrames { get; private set; }

    /// <summary>Frames delivered with a bad FCS.</summary>
    public long BadFrames { get; private set; }

    /// <summary>Aborts seen inside frames.</summary>
    public long Aborts { get; private set; }

    public void PutBit(int bit)
    {
        if ((bit & 1) != 0)
        {
            if (++_ones == 7)
            {
                // Seven ones: an abort inside a frame, or an idle line; either way wait for the next flag.
                if (_inFrame && (_octets > 0 || _bits > 0))
                {
                    Aborts++;
                    _sink.OnEvent(HdlcEvent.Abort);
                }

                _inFrame = false;
                _flagsInRow = 0;
            }

            return;
        }

        var ones = _ones;
        _ones = 0;
        if (ones == 6)
        {
            OnFlag();
            return;
        }

        if (ones > 6 || !_inFrame)
        {
            return;
        }

        for (var i = 0; i < ones; i++)
        {
            Append(1);
        }

        // A zero after five ones was inserted by the sender (transparency): drop it.
        if (ones != 5)
        {
            Append(0);
        }
    }

    public void OnStatus(ModemStatus status)
    {
        switch (status)
        {
            case ModemStatus.CarrierUp:
                Reset();
                _framingReported = false;
                _sink.OnEvent(HdlcEvent.CarrierUp);
                break;
            case ModemStatus.CarrierDown:
                Reset();
                _sink.OnEvent(HdlcEvent.CarrierDown);
                break;
            default:
                break;
        }
    }

    private void OnFlag()
    {
        if (_inFrame && !_overflow && (_octets > 0 || _bits > 1))
        {
            // The flag's own leading zero was taken as data: a whole frame leaves exactly that one bit over.
            if (_bits == 1 && _octets >= MinimumOctets)
            {
                var ok = HdlcFcs.Compute(_buffer.AsSpan(0, _octets)) == HdlcFcs.GoodResidue;
                if (ok)
                {
                    GoodFrames++;
                }
                else
                {
                    BadFrames++;
                }

                _flagsInRow = 0;
                _sink.OnFrame(_buffer.AsSpan(0, _octets - 2), ok);
            }
        }
        else
        {
            _flagsInRow++;
            if (!_framingReported && _flagsInRow >= FramingOkFlags)
            {
                _framingReported = true;
                _sink.OnEvent(HdlcEvent.FramingOk);
            }
        }

        _inFrame = true;
        _overflow = false;
        _octets = 0;
        _bits = 0;
        _partial = 0;
    }

    private void Append(int bit)
    {
        _partial |= bit << _bits;
        if (++_bits < 8)
        {
            return;
        }

        if (_octets < _buffer.Length)
        {
            _buffer[_octets++] = (byte)_partial;
        }
        else
        {
            _overflow = true;
        }

        _bits = 0;
        _partial = 0;
    }

    private void Reset()
    {
        _ones = 0;
        _octets = 0;
        _bits = 0;
        _partial = 0;
        _inFrame = false;
        _overflow = false;
        _flagsInRow = 0;
    }
}
