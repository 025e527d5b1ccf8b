using FaxBox.Core;
using FaxBox.Fax.Managed.T30;
using FaxBox.Fax.Managed.T4;
using Microsoft.Extensions.Logging;

namespace FaxBox.Fax.Managed.T38;

/// <summary>
/// A T.30 fax terminal over T.38 in managed code, with the contract of the spandsp one (<c>SpanDspT38Terminal</c>):
/// ticked every 20 ms, fed IFPs with their UDPTL sequence numbers, IFPs out through an <see cref="IIfpSink"/>; Progress at
/// phase B, D and E; Frame for every T.30 frame in <see cref="T30Frames"/> order (FCD frames without their data); a
/// watchdog counted in ticks. Per-call state is a few KiB: the document is streamed through <see cref="IT4DocumentSource"/>
/// / <see cref="IT4DocumentSink"/>, never held whole.
/// </summary>
internal sealed class ManagedT38Terminal : IT38FaxTerminal, IT30Observer
{
    private readonly FaxTerminalOptions _options;
    private readonly ILogger _logger;
    private readonly T38TerminalTransmitter _tx;
    private readonly T38TerminalReceiver _rx;
    private readonly T30Engine _t30;
    private readonly long _watchdogTicks;
    private long _ticks;
    private long _received;
    private long _receivedBytes;
    private bool _disposed;

    public ManagedT38Terminal(FaxTerminalOptions options, IIfpSink sink, ILogger logger, IT4DocumentSource? source, IT4DocumentSink? documentSink, T30TimerOptions? timers = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();
        if (options.T38.Version is < 0 or > 3)
        {
            throw new ArgumentException($"T38FaxVersion {options.T38.Version} is not one of 0..3", nameof(options));
        }

        if (options.Direction == FaxDirection.Send && source is null)
        {
            throw new ArgumentException("a sending terminal needs a document source", nameof(source));
        }

        if (options.Direction == FaxDirection.Receive && documentSink is null)
        {
            throw new ArgumentException("a receiving terminal needs a document sink", nameof(documentSink));
        }

        _options = options;
        _logger = logger;
        _watchdogTicks = (long)(options.Watchdog.TotalMilliseconds / AudioFrame.Milliseconds);
        _tx = new T38TerminalTransmitter(sink, options.T38);
        _t30 = new T30Engine(options, timers ?? new T30TimerOptions(), _tx, this, logger, source, documentSink);
        _rx = new T38TerminalReceiver(_t30, options.T38, logger);
    }

    public event EventHandler<FaxProgressEventArgs>? Progress;

    public event EventHandler<T30FrameEventArgs>? Frame;

    public bool IsComplete => Result is not null;

    public FaxResult? Result { get; private set; }

    public TimeSpan Elapsed => TimeSpan.FromMilliseconds(_ticks * AudioFrame.Milliseconds);

    public IfpCounters Packets => new(_tx.Sent, _tx.SentBytes, _received, _receivedBytes);

    /// <summary>IFPs dropped as malformed (each logged with what and where).</summary>
    internal long MalformedIfps => _rx.Malformed;

    /// <summary>IFPs dropped as duplicates or late.</summary>
    internal long DroppedIfps => _rx.Dropped;

    /// <summary>The T.30 state (tests).</summary>
    internal T30State State => _t30.State;

    bool IT30Observer.WantsFrames => Frame is not null;

    public FaxStatistics GetStatistics()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _t30.Statistics;
    }

    public void Tick()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _ticks++;
        if (IsComplete)
        {
            return;
        }

        _t30.Tick();
        if (!IsComplete && _ticks > _watchdogTicks)
        {
            _t30.Abort();
            Finish(FaxCompletion.Watchdog, -1, $"no end of call (T.30 phase E) within {_options.Watchdog.TotalSeconds:0} s");
        }
    }

    public void ReceiveIfp(ReadOnlySpan<byte> ifp, ushort sequenceNumber)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _received++;
        _receivedBytes += ifp.Length;
        if (!IsComplete)
        {
            _rx.Receive(ifp, sequenceNumber);
        }
    }

    public void Abort()
    {
        if (IsComplete)
        {
            return;
        }

        _t30.Abort();
        Finish(FaxCompletion.Aborted, -1, "aborted before the end of the call");
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _t30.CloseDocument();
    }

    void IT30Observer.OnPhase(FaxPhase phase)
    {
        Progress?.Invoke(this, new FaxProgressEventArgs(phase, _t30.Statistics, _t30.RemoteIdent, null));
    }

    void IT30Observer.OnEnd(T30CompletionCode code, string text)
    {
        T30Log.PhaseE(_logger, _options.LogTag, (int)code, text, _t30.Statistics.PagesTransferred);
        Finish(code == T30CompletionCode.Ok ? FaxCompletion.Ok : FaxCompletion.T30Error, (int)code, text);
    }

    void IT30Observer.OnFrame(bool incoming, ReadOnlySpan<byte> frame) =>
        Frame?.Invoke(this, new T30FrameEventArgs(incoming, T30Frames.CopyForEvent(frame), Elapsed));

    private void Finish(FaxCompletion completion, int code, string text)
    {
        if (IsComplete)
        {
            return;
        }

        Result = new FaxResult(completion, code, text, _t30.Statistics, _t30.RemoteIdent, Elapsed) { SubAddress = _t30.ReceivedSubAddress };
        if (completion is FaxCompletion.Ok or FaxCompletion.T30Error)
        {
            Progress?.Invoke(this, new FaxProgressEventArgs(FaxPhase.E, Result.Statistics, Result.RemoteIdent, Result));
        }
    }
}
