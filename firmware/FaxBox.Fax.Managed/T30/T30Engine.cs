using FaxBox.Core.T38;
using FaxBox.Fax.Managed.T38;
using FaxBox.Fax.Managed.T4;
using Microsoft.Extensions.Logging;

namespace FaxBox.Fax.Managed.T30;

/// <summary>
/// A T.30 terminal (ITU-T T.30 §5, Annex A for ECM) over a T.38 link: the sender's and the receiver's procedure as one
/// state machine on the 20 ms tick. It reads the document to send through an <see cref="IT4DocumentSource"/> (ECM frames
/// are read again from the coder for a PPR, no block buffer) and writes received pages through an
/// <see cref="IT4DocumentSink"/> (ECM frames in order go straight to the page writer; only frames that arrive ahead of a
/// gap are held, in pooled buffers, until it is filled). Shared state and dispatch live here; the sender's steps in
/// <c>T30Engine.Sender.cs</c> and the receiver's in <c>T30Engine.Receiver.cs</c>.
/// </summary>
internal sealed partial class T30Engine : IT38FrameFeed, IT38ReceiveHandler
{
    /// <summary>Control field of a non-final frame, first bit sent in the LSB (T.30 §5.3.5).</summary>
    private const byte ControlNonFinal = 0x03;

    /// <summary>Control field of the final frame of a message.</summary>
    private const byte ControlFinal = 0x13;

    /// <summary>RCP, return to control for partial page (T.30 Annex A, Table A.1).</summary>
    private const byte RcpFcf = 0x86;

    /// <summary>Octets of the control message buffer: up to four frames (TSI, SUB, DCS; CSI, DIS; PPR).</summary>
    private const int ControlCapacity = 4 * 48;

    private readonly FaxTerminalOptions _options;
    private readonly T30TimerOptions _timers;
    private readonly T38TerminalTransmitter _tx;
    private readonly IT30Observer _observer;
    private readonly ILogger _logger;
    private readonly bool _sender;
    private readonly byte[] _control = new byte[ControlCapacity];
    private readonly int[] _controlStart = new int[4];
    private readonly int[] _controlLength = new int[4];
    private readonly byte[] _scratch = new byte[T38TerminalTransmitter.MaxFrame];
    private int _controlCount;
    private int _controlCursor;
    private FeedKind _feed;
    private int _timer;
    private int _t1;
    private int _tries;
    private bool _badFrameInSignal;
    private bool _goodFinalInSignal;
    private T30CompletionCode _pendingCode;
    private string _pendingText = string.Empty;

    // Negotiated.
    private T30Modem _modem;
    private int _rung = -1;
    private bool _ecm;
    private int _frameSize = 256;
    private FaxCompression _compression;
    private T4PageFormat _format;
    private int _minimumScanMs;

    // Statistics.
    private int _pages;
    private int _rows;
    private int _badRows;
    private int _longestBadRun;
    private int _ecmRetries;

    public T30Engine(FaxTerminalOptions options, T30TimerOptions timers, T38TerminalTransmitter tx, IT30Observer observer, ILogger logger, IT4DocumentSource? source, IT4DocumentSink? sink)
    {
        _options = options;
        _timers = timers;
        _tx = tx;
        _observer = observer;
        _logger = logger;
        _sender = options.Direction == FaxDirection.Send;
        _source = source;
        _sink = sink;
        _t1 = T30TimerOptions.Ticks(timers.T1);
        State = T30State.Tone;
        if (options.IsCallingParty)
        {
            _tx.SendTone(T38Indicator.Cng, 25); // CNG: 0.5 s on (T.30 §4.1.2)
        }
        else
        {
            _tx.SendTone(T38Indicator.Ced, 150); // CED: 2.6–4 s (T.30 §4.2.1)
        }
    }

    private enum FeedKind
    {
        Control,
        Tcf,
        Page,
        EcmBlock,
    }

    /// <summary>Where the procedure is.</summary>
    public T30State State { get; private set; }

    /// <summary>The far end's TSI/CSI, once received.</summary>
    public string? RemoteIdent { get; private set; }

    /// <summary>The SUB the far end sent (receiver), once received.</summary>
    public string? ReceivedSubAddress { get; private set; }

    /// <summary>The transfer statistics now.</summary>
    public FaxStatistics Statistics => new(
        _rung >= 0 ? _modem.BitRate : 0,
        _ecm,
        _pages,
        _sender ? _source?.PageCount ?? 0 : _pages,
        _format.XResolution,
        _format.YResolution,
        _format.Width,
        CurrentRows(),
        _compression,
        _badRows,
        _longestBadRun,
        _ecmRetries);

    /// <summary>Advances one 20 ms tick: the transmitter, then the timers.</summary>
    public void Tick()
    {
        if (State == T30State.Done)
        {
            return;
        }

        if (_tx.Tick())
        {
            TransmitDone();
        }

        if (State == T30State.Done || !_tx.IsIdle)
        {
            return;
        }

        if (_t1 > 0 && (State is T30State.WaitDis or T30State.WaitDcs) && --_t1 == 0)
        {
            Fail(T30CompletionCode.T1Expired, State == T30State.WaitDis ? "T1 expired: no DIS from the receiver" : "T1 expired: no DCS from the sender");
            return;
        }

        if (_timer > 0 && --_timer == 0)
        {
            TimerExpired();
        }
    }

    /// <summary>Ends the call now: DCN where the procedure allows it, the open page dropped, the document closed.</summary>
    public void Abort()
    {
        if (State == T30State.Done)
        {
            return;
        }

        _tx.Stop();
        if (State is not (T30State.Tone or T30State.WaitDis))
        {
            SendDcnNow();
        }

        CloseDocument();
        State = T30State.Done;
    }

    /// <summary>Closes the document (a receiver keeps its committed pages). Safe to call more than once.</summary>
    public void CloseDocument()
    {
        _coder?.Dispose();
        _coder = null;
        _writer?.Dispose();
        _writer = null;
        _source?.Dispose();
        _sink?.Dispose();
        ReleaseHeldFrames();
    }

    public void OnIndicator(T38Indicator indicator) => Activity();

    public void OnSignalEnd(T38DataType dataType)
    {
        Activity();
        if (dataType == T38DataType.V21)
        {
            if (_badFrameInSignal && !_goodFinalInSignal && !_sender && _tx.IsIdle && State is T30State.ReceiveImage or T30State.WaitDcs or T30State.WaitDcn)
            {
                // A command arrived damaged: ask for it again (CRP, T.30 §5.3.6.1.7).
                SendControl(T30FrameType.Crp);
            }

            _badFrameInSignal = false;
            _goodFinalInSignal = false;
            return;
        }

        if (!_sender)
        {
            ImageSignalEnded();
        }
    }

    public void OnImageData(ReadOnlySpan<byte> data, T38DataType dataType)
    {
        Activity();
        if (!_sender)
        {
            ImageDataReceived(data);
        }
    }

    public void OnFrame(Span<byte> frame, bool good, T38DataType dataType)
    {
        Activity();
        if (State == T30State.Done)
        {
            return;
        }

        byte control = T30Octets.Reverse(frame[1]);
        byte fcf = T30Octets.Reverse(frame[2]);
        if (dataType != T38DataType.V21 && (fcf & 0xFE) == T30Frames.FcdFcf && frame.Length >= 4)
        {
            if (_observer.WantsFrames)
            {
                ReportFcd(frame, incoming: true);
            }

            if (good && !_sender)
            {
                EcmFrameReceived(T30Octets.Reverse(frame[3]), frame[4..]);
            }

            return;
        }

        T30Octets.Reverse(frame);
        if (_observer.WantsFrames)
        {
            _observer.OnFrame(true, frame);
        }

        if (!good)
        {
            _badFrameInSignal = true;
            return;
        }

        if ((fcf & 0xFE) == RcpFcf)
        {
            return;
        }

        bool final = (control & 0x10) != 0;
        if (final)
        {
            _goodFinalInSignal = true;
        }

        var fif = frame[3..];
        if (_sender)
        {
            SenderFrame(fcf, fif, final);
        }
        else
        {
            ReceiverFrame(fcf, fif, final);
        }
    }

    public int NextFrame(Span<byte> destination, out bool last)
    {
        if (_feed == FeedKind.EcmBlock)
        {
            return NextEcmFrame(destination, out last);
        }

        last = false;
        if (_controlCursor >= _controlCount)
        {
            return 0;
        }

        int i = _controlCursor++;
        last = _controlCursor == _controlCount;
        var frame = _control.AsSpan(_controlStart[i], _controlLength[i]);
        frame.CopyTo(destination);
        if (_observer.WantsFrames)
        {
            _observer.OnFrame(false, frame);
        }

        T30Octets.Reverse(destination[..frame.Length]);
        return frame.Length;
    }

    public int NextImage(Span<byte> destination) => _feed == FeedKind.Tcf ? NextTcf(destination) : NextPageData(destination);

    /// <summary>Starts a new control message (frames follow with <see cref="AddFrame"/>).</summary>
    private void BeginControl()
    {
        _controlCount = 0;
        _controlCursor = 0;
    }

    /// <summary>Appends a frame (FCF and FIF, first bit sent in the LSB; the X bit is added for a sender).</summary>
    private void AddFrame(byte fcf, ReadOnlySpan<byte> fif)
    {
        int start = _controlCount == 0 ? 0 : _controlStart[_controlCount - 1] + _controlLength[_controlCount - 1];
        var frame = _control.AsSpan(start);
        frame[0] = 0xFF;
        frame[1] = ControlFinal;
        if (_controlCount > 0)
        {
            _control[_controlStart[_controlCount - 1] + 1] = ControlNonFinal;
        }

        frame[2] = (byte)(fcf | (_sender && !IsIdentificationGroup(fcf) ? 1 : 0));
        fif.CopyTo(frame[3..]);
        _controlStart[_controlCount] = start;
        _controlLength[_controlCount] = 3 + fif.Length;
        _controlCount++;
    }

    /// <summary>Sends the message built with <see cref="AddFrame"/> on V.21.</summary>
    private void SendControlMessage()
    {
        _controlCursor = 0;
        _feed = FeedKind.Control;
        _timer = 0;
        _tx.StartControl(this);
    }

    /// <summary>Sends one frame without FIF.</summary>
    private void SendControl(T30FrameType type)
    {
        BeginControl();
        AddFrame((byte)type, default);
        SendControlMessage();
    }

    /// <summary>Sends the last control message again (CRP from the far end, or T4 expired).</summary>
    private void Resend()
    {
        if (_controlCount > 0)
        {
            SendControlMessage();
        }
    }

    private void SendDcnNow()
    {
        // DCN at once, unpaced: the call is going away.
        Span<byte> frame = [0xFF, ControlFinal, (byte)((byte)T30FrameType.Dcn | (_sender ? 1 : 0))];
        if (_observer.WantsFrames)
        {
            _observer.OnFrame(false, frame);
        }

        frame.CopyTo(_scratch);
        T30Octets.Reverse(_scratch.AsSpan(0, 3));
        _tx.SendImmediate(_scratch.AsSpan(0, 3));
    }

    /// <summary>Exceptions a document source or sink throws for a file that cannot be read or written.</summary>
    private static bool IsDocumentError(Exception e) =>
        e is IOException or InvalidDataException or NotSupportedException or UnauthorizedAccessException or Documents.FaxDocumentException;

    private static bool IsIdentificationGroup(byte fcf) => fcf is 0x80 or 0x40 or 0x20;

    private void Activity()
    {
        if (_timer > 0)
        {
            _timer = State is T30State.ReceiveImage or T30State.WaitDcn or T30State.WaitTcf
                ? T30TimerOptions.Ticks(_timers.T2)
                : Math.Max(_timer, T30TimerOptions.Ticks(_timers.T4));
        }
    }

    private void ArmT4() => _timer = T30TimerOptions.Ticks(_timers.T4);

    private void ArmT2() => _timer = T30TimerOptions.Ticks(_timers.T2);

    private void TransmitDone()
    {
        if (State == T30State.Disconnecting)
        {
            End(_pendingCode, _pendingText);
            return;
        }

        if (_sender)
        {
            SenderTransmitDone();
        }
        else
        {
            ReceiverTransmitDone();
        }
    }

    private void TimerExpired()
    {
        if (_sender)
        {
            SenderTimerExpired();
        }
        else
        {
            ReceiverTimerExpired();
        }
    }

    /// <summary>Sends DCN and ends the call with <paramref name="code"/> once it is out.</summary>
    private void Disconnect(T30CompletionCode code, string text)
    {
        _pendingCode = code;
        _pendingText = text;
        CloseCurrentPage();
        State = T30State.Disconnecting;
        SendControl(T30FrameType.Dcn);
    }

    /// <summary>Ends the call with an error, sending DCN first.</summary>
    private void Fail(T30CompletionCode code, string text)
    {
        T30Log.Failed(_logger, _options.LogTag, text);
        if (State is T30State.Tone or T30State.WaitDis)
        {
            End(code, text);
            return;
        }

        Disconnect(code, text);
    }

    private void End(T30CompletionCode code, string text)
    {
        if (State == T30State.Done)
        {
            return;
        }

        State = T30State.Done;
        _timer = 0;
        CloseDocument();
        _observer.OnEnd(code, text);
    }

    private void ReportFcd(ReadOnlySpan<byte> wire, bool incoming)
    {
        Span<byte> header = stackalloc byte[T30Frames.FcdHeaderLength];
        for (int i = 0; i < header.Length; i++)
        {
            header[i] = T30Octets.Reverse(wire[i]);
        }

        _observer.OnFrame(incoming, header);
    }

    private int CurrentRows() => _writer?.Rows ?? _coder?.Rows ?? _rows;

    private void CloseCurrentPage()
    {
        if (_coder is not null)
        {
            _rows = _coder.Rows;
            _coder.Dispose();
            _coder = null;
        }

        if (_writer is not null)
        {
            _rows = _writer.Rows;
            _writer.Dispose(); // not committed: dropped
            _writer = null;
        }
    }
}
