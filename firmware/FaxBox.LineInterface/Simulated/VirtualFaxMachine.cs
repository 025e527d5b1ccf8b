using FaxBox.Core;
using FaxBox.Fax;
using FaxBox.LineInterface.Ports;
using FaxBox.LineInterface.Regions;
using FaxBox.LineInterface.Signalling;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FaxBox.LineInterface.Simulated;

/// <summary>
/// A G3 fax machine on the subscriber end of a loop: a <see cref="VirtualPhone"/> for the line (hook, dialling, rings,
/// tones, loop current) with the fax engine's audio T.30 terminal as its audio. Sending, it lifts the handset, waits for
/// dial tone, dials, and starts as the calling terminal (CNG); receiving, it answers after a few rings as the called
/// terminal (CED, DIS). It hangs up when the T.30 session ends, on busy or congestion tone before the session starts,
/// or when the loop current drops.
/// </summary>
public sealed partial class VirtualFaxMachine : IMediaParkingHandler, ILineAudio, IDisposable
{
    private readonly IFaxEngine _engine;
    private readonly VirtualFaxMachineOptions _options;
    private readonly ILogger _logger;
    private readonly int _dialToneTimeoutTicks;
    private string? _number;
    private int _waitTicks;

    /// <summary>Creates an idle machine on <paramref name="line"/>; a receiving one answers by itself. <paramref name="logger"/> gets its call events (default none).</summary>
    public VirtualFaxMachine(string name, IFxoHardware line, LineRegion region, IFaxEngine engine, VirtualFaxMachineOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Direction == FaxDirection.Send && string.IsNullOrEmpty(options.SendFile))
        {
            throw new ArgumentException($"{name}: a sending fax machine needs SendFile", nameof(options));
        }

        if (options.Direction == FaxDirection.Receive && string.IsNullOrEmpty(options.ReceiveFile))
        {
            throw new ArgumentException($"{name}: a receiving fax machine needs ReceiveFile", nameof(options));
        }

        Name = name;
        _logger = logger ?? NullLogger.Instance;
        _engine = engine;
        _options = options;
        _dialToneTimeoutTicks = Ticks.Of(options.DialToneTimeout, minimum: 1);
        Phone = new VirtualPhone(name, line, region, engine, options.DialTiming) { Audio = this };
    }

    /// <summary>The machine's name.</summary>
    public string Name { get; }

    /// <summary>The machine's line interface.</summary>
    public VirtualPhone Phone { get; }

    /// <summary>Where the call is.</summary>
    public VirtualFaxState State { get; private set; }

    /// <summary>The running or finished T.30 terminal; null before the session starts.</summary>
    public IAudioFaxTerminal? Terminal { get; private set; }

    /// <summary>The T.30 outcome once the session ended; null when it never started or is still running.</summary>
    public FaxResult? Result { get; private set; }

    /// <summary>Why the machine hung up: "done", "busy", "congestion", "loop current dropped"; null before.</summary>
    public string? EndReason { get; private set; }

    /// <summary>Starts a call to <paramref name="number"/>: off-hook, dial tone, dial, fax.</summary>
    public void Call(string number)
    {
        ArgumentException.ThrowIfNullOrEmpty(number);
        if (State != VirtualFaxState.Idle)
        {
            throw new InvalidOperationException($"{Name}: busy ({State})");
        }

        _number = number;
        LogCalling(_logger, Name, number);
        Phone.OffHook();
        _waitTicks = _dialToneTimeoutTicks;
        State = VirtualFaxState.WaitingForDialTone;
    }

    /// <summary>Waiting for a call (or done) with its phone idle: nothing happens until its line rings or <see cref="Call"/>.</summary>
    public bool CanPark => State is VirtualFaxState.Idle or VirtualFaxState.Finished && Phone.CanPark;

    public void OnTick(in MediaTick tick)
    {
        switch (State)
        {
            case VirtualFaxState.Idle when Phone.Rings >= _options.AnswerAfterRings && !Phone.IsOffHook:
                Phone.OffHook();
                StartSession(callingParty: false);
                break;
            case VirtualFaxState.WaitingForDialTone when Phone.HeardTone == CallProgressTone.Dial || --_waitTicks <= 0:
                Phone.Dial(_number!, _options.DialMethod);
                State = VirtualFaxState.Dialling;
                break;
            case VirtualFaxState.Dialling when !Phone.IsDialling:
                StartSession(callingParty: true);
                break;
            case VirtualFaxState.InCall:
                Supervise();
                break;
        }

        Phone.OnTick(tick);
    }

    public void Exchange(ReadOnlySpan<short> fromLine, Span<short> toLine)
    {
        if (State == VirtualFaxState.InCall && Terminal is { } terminal)
        {
            terminal.ReceiveAudio(fromLine);
            terminal.TransmitAudio(toLine);
        }
    }

    public void Dispose()
    {
        Terminal?.Dispose();
        Phone.Dispose();
    }

    private void StartSession(bool callingParty)
    {
        Terminal = _engine.CreateAudioTerminal(new FaxTerminalOptions
        {
            Direction = _options.Direction,
            CallingParty = callingParty,
            SendFile = _options.SendFile,
            ReceiveFile = _options.ReceiveFile,
            LocalIdent = _options.LocalIdent,
            Ecm = _options.Ecm,
            Modems = _options.Modems,
            Watchdog = _options.Watchdog,
            LogTag = Name,
        });
        State = VirtualFaxState.InCall;
        LogSession(_logger, Name, callingParty ? "calling" : "called", _options.Direction);
    }

    private void Supervise()
    {
        var terminal = Terminal!;
        if (terminal.IsComplete)
        {
            HangUp("done");
        }
        else if (Phone.LoopCurrentDropped)
        {
            terminal.Abort();
            HangUp("loop current dropped");
        }
        else if (Phone.HeardTone is CallProgressTone.Busy or CallProgressTone.Congestion or CallProgressTone.Sit && terminal.GetStatistics().PagesTransferred == 0)
        {
            terminal.Abort();
            HangUp(Phone.HeardTone switch { CallProgressTone.Busy => "busy", CallProgressTone.Sit => "special information tone", _ => "congestion" });
        }
    }

    private void HangUp(string reason)
    {
        Result = Terminal?.Result;
        EndReason = reason;
        LogHungUp(_logger, Name, reason, Result is { } r ? r.T30Text : "none");
        Phone.OnHook();
        State = VirtualFaxState.Finished;
    }
}
