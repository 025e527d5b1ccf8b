using FaxBox.Core.T38;

namespace FaxBox.Fax.Managed.T38;

/// <summary>
/// The sending half of a T.38 terminal (ITU-T T.38 §5–6, Annex A): turns T.30 messages into IFPs paced as the modem would
/// send them. A message starts with its indicator (<c>v21-preamble</c> or the image modem's training), then after the
/// preamble/training time its octets leave at the modem's rate (rate / 400 octets per 20 ms tick, at most
/// <see cref="T38Options.MaxDatagram"/> per IFP): HDLC frames as <c>hdlc-data</c> closed by <c>hdlc-fcs-OK</c> and the last
/// by <c>hdlc-fcs-OK-sig-end</c>; non-ECM data as <c>t4-non-ecm-data</c> closed by <c>t4-non-ecm-sig-end</c>; then
/// <c>no-signal</c>. Holds one frame (≤ 260 octets) and one IFP buffer; allocates nothing per tick.
/// </summary>
internal sealed class T38TerminalTransmitter
{
    /// <summary>The largest HDLC frame sent: address, control, FCF, frame number and 256 octets of ECM data.</summary>
    public const int MaxFrame = 260;

    /// <summary>IFP octets a data IFP needs besides its field data: type, field count, two field headers, field length.</summary>
    private const int DataOverhead = 6;

    /// <summary>The V.21 preamble before the first HDLC octet of a control message: 1 s of flags (T.30 §5.3.1).</summary>
    private const int PreambleTicks = 50;

    /// <summary>
    /// Silence between the end of one signal and the start of the next the terminal sends itself: 75 ± 20 ms between
    /// the high-speed image (its RCP) and the V.21 post-message command (T.30 §5.3.2.4); 4 ticks = 80 ms. A T.38 gateway
    /// plays indicators as they come, so without it the far fax machine hears V.21 straight after the V.17 carrier
    /// drops and misses the PPS.
    /// </summary>
    internal const int SignalGapTicks = 4;

    private readonly IIfpSink _sink;
    private readonly T38Asn1Variant _variant;
    private readonly byte[] _ifp;
    private readonly byte[] _frame = new byte[MaxFrame];
    private readonly T38Field[] _fields = new T38Field[2];
    private readonly int _maxChunk;
    private IT38FrameFeed? _feed;
    private T38DataType _dataType;
    private int _bitsPerTick;
    private int _credit;
    private int _frameLength;
    private int _frameSent;
    private bool _lastFrame;
    private int _waitTicks;
    private int _quietTicks = SignalGapTicks;
    private T38Indicator? _pendingIndicator;
    private T38TransmitMode _next;
    private long _sent;
    private long _sentBytes;

    public T38TerminalTransmitter(IIfpSink sink, T38Options options)
    {
        _sink = sink;
        _variant = options.EffectiveAsn1Variant;
        int datagram = Math.Clamp(options.MaxDatagram, DataOverhead + 1, 1400);
        _ifp = new byte[datagram + 2];
        _maxChunk = datagram - DataOverhead;
    }

    /// <summary>What the transmitter is doing now.</summary>
    public T38TransmitMode Mode { get; private set; }

    /// <summary>True when nothing is being sent.</summary>
    public bool IsIdle => Mode == T38TransmitMode.Idle;

    /// <summary>IFPs handed to the sink.</summary>
    public long Sent => _sent;

    /// <summary>IFP octets handed to the sink.</summary>
    public long SentBytes => _sentBytes;

    /// <summary>Sends <paramref name="indicator"/> (CNG, CED) and stays busy for <paramref name="ticks"/>, then sends no-signal.</summary>
    public void SendTone(T38Indicator indicator, int ticks)
    {
        SendIndicator(indicator);
        _waitTicks = ticks;
        Mode = T38TransmitMode.Tone;
    }

    /// <summary>Starts a V.21 control message: v21-preamble, 1 s of flags, then the feed's frames at 300 bit/s.</summary>
    public void StartControl(IT38FrameFeed feed) => Start(feed, T38Indicator.V21Preamble, PreambleTicks, T38DataType.V21, 300, T38TransmitMode.Hdlc);

    /// <summary>Starts HDLC frames (ECM) or non-ECM image data on the image modem after its training indicator and time.</summary>
    public void StartImage(IT38FrameFeed feed, T38Indicator training, int trainingTicks, T38DataType dataType, int bitRate, bool hdlc) =>
        Start(feed, training, trainingTicks, dataType, bitRate, hdlc ? T38TransmitMode.Hdlc : T38TransmitMode.Image);

    /// <summary>Stops whatever is being sent (abort): no-signal if something was on the line.</summary>
    public void Stop()
    {
        if (Mode != T38TransmitMode.Idle)
        {
            SendIndicator(T38Indicator.NoSignal);
        }

        Mode = T38TransmitMode.Idle;
        _feed = null;
        _pendingIndicator = null;
    }

    /// <summary>
    /// Sends one V.21 frame at once, unpaced (a DCN when the call is aborted): preamble indicator, the frame with
    /// <c>hdlc-fcs-OK-sig-end</c>, no-signal.
    /// </summary>
    public void SendImmediate(ReadOnlySpan<byte> frame)
    {
        frame.CopyTo(_frame);
        _dataType = T38DataType.V21;
        SendIndicator(T38Indicator.V21Preamble);
        _fields[0] = new T38Field(T38FieldType.HdlcData, _frame.AsMemory(0, frame.Length));
        _fields[1] = new T38Field(T38FieldType.HdlcFcsOkSigEnd, default);
        Emit(T38IfpWriter.WriteData(_ifp, _dataType, _fields, _variant), 3);
        SendIndicator(T38Indicator.NoSignal);
        Mode = T38TransmitMode.Idle;
        _feed = null;
        _pendingIndicator = null;
    }

    /// <summary>Advances one 20 ms tick; true when a message or tone finished during it.</summary>
    public bool Tick()
    {
        if (_quietTicks < SignalGapTicks)
        {
            _quietTicks++;
        }

        switch (Mode)
        {
            case T38TransmitMode.Tone:
                if (--_waitTicks <= 0)
                {
                    _quietTicks = 0;
                    SendIndicator(T38Indicator.NoSignal);
                    Mode = T38TransmitMode.Idle;
                    return true;
                }

                return false;
            case T38TransmitMode.Training:
                if (_pendingIndicator is { } pending)
                {
                    if (_quietTicks < SignalGapTicks)
                    {
                        return false;
                    }

                    _pendingIndicator = null;
                    SendIndicator(pending);
                }

                if (--_waitTicks <= 0)
                {
                    Mode = _next;
                    _credit = 0;
                }

                return false;
            case T38TransmitMode.Hdlc:
                return TickHdlc();
            case T38TransmitMode.Image:
                return TickImage();
            default:
                return false;
        }
    }

    private void Start(IT38FrameFeed feed, T38Indicator indicator, int waitTicks, T38DataType dataType, int bitRate, T38TransmitMode next)
    {
        _feed = feed;
        _dataType = dataType;
        _bitsPerTick = bitRate / 50;
        _frameLength = 0;
        _frameSent = 0;
        _next = next;
        _waitTicks = Math.Max(1, waitTicks);
        Mode = T38TransmitMode.Training;
        if (_quietTicks < SignalGapTicks)
        {
            // Straight after a signal of our own: the indicator waits for the gap, the preamble/training time after it.
            _pendingIndicator = indicator;
            return;
        }

        _pendingIndicator = null;
        SendIndicator(indicator);
    }

    private bool TickHdlc()
    {
        _credit += _bitsPerTick;
        while (_credit >= 8)
        {
            if (_frameSent == _frameLength)
            {
                _frameLength = _feed!.NextFrame(_frame, out _lastFrame);
                _frameSent = 0;
                if (_frameLength <= 0)
                {
                    SendData(T38FieldType.HdlcSigEnd, default, 3);
                    return End();
                }

                // The modem sends more than the frame's octets: its FCS, a closing flag and the zeros HDLC stuffs after
                // five ones. A gateway plays the frames at the modem's real pace, so they are paid for here; without it
                // a block of 0xFF-rich image frames ran ~15 % ahead of the gateway, and its post-message command arrived
                // while the gateway was still sending the block.
                _credit -= HdlcOverheadBits(_frame.AsSpan(0, _frameLength));
                if (_credit < 8)
                {
                    return false;
                }
            }

            int chunk = Math.Min(Math.Min(_credit / 8, _maxChunk), _frameLength - _frameSent);
            var data = _frame.AsMemory(_frameSent, chunk);
            _frameSent += chunk;
            _credit -= chunk * 8;
            if (_frameSent < _frameLength)
            {
                SendData(T38FieldType.HdlcData, data, 1);
                continue;
            }

            // The frame's last octets go with its end: FCS-OK, with signal end after the message's last frame.
            _fields[0] = new T38Field(T38FieldType.HdlcData, data);
            _fields[1] = new T38Field(_lastFrame ? T38FieldType.HdlcFcsOkSigEnd : T38FieldType.HdlcFcsOk, default);
            Emit(T38IfpWriter.WriteData(_ifp, _dataType, _fields, _variant), _lastFrame ? 3 : 1);
            if (_lastFrame)
            {
                return End();
            }
        }

        return false;
    }

    private bool TickImage()
    {
        _credit += _bitsPerTick;
        while (_credit >= 8)
        {
            int budget = Math.Min(Math.Min(_credit / 8, _maxChunk), MaxFrame);
            int n = _feed!.NextImage(_frame.AsSpan(0, budget));
            _credit -= n * 8;
            if (n > 0 && n == budget)
            {
                SendData(T38FieldType.T4NonEcmData, _frame.AsMemory(0, n), 1);
                continue;
            }

            SendData(T38FieldType.T4NonEcmSigEnd, n > 0 ? _frame.AsMemory(0, n) : default, 3);
            return End();
        }

        return false;
    }

    /// <summary>
    /// Bits a modem sends for a frame beyond its octets: the zeros inserted after every five consecutive ones of the frame
    /// (ISO/IEC 13239 transparency; the octets are in T.38 order, first bit sent in the most significant bit), 16 of FCS,
    /// the zeros the FCS may need (at most 3) and one 8-bit flag.
    /// </summary>
    internal static int HdlcOverheadBits(ReadOnlySpan<byte> frame)
    {
        int ones = 0;
        int stuffed = 0;
        foreach (byte b in frame)
        {
            for (int bit = 7; bit >= 0; bit--)
            {
                if (((b >> bit) & 1) == 0)
                {
                    ones = 0;
                }
                else if (++ones == 5)
                {
                    stuffed++;
                    ones = 0;
                }
            }
        }

        return stuffed + 16 + 3 + 8;
    }

    private bool End()
    {
        _quietTicks = 0;
        SendIndicator(T38Indicator.NoSignal);
        Mode = T38TransmitMode.Idle;
        _feed = null;
        return true;
    }

    private void SendIndicator(T38Indicator indicator)
    {
        int n = T38IfpWriter.WriteIndicator(_ifp, indicator);
        Emit(n, 3);
    }

    private void SendData(T38FieldType type, ReadOnlyMemory<byte> data, int repeat)
    {
        _fields[0] = new T38Field(type, data);
        int n = T38IfpWriter.WriteData(_ifp, _dataType, _fields.AsSpan(0, 1), _variant);
        Emit(n, repeat);
    }

    private void Emit(int length, int repeat)
    {
        _sent++;
        _sentBytes += length;
        _sink.SendIfp(_ifp.AsSpan(0, length), repeat);
    }
}
