using FaxBox.Fax.CallerId;

namespace FaxBox.LineInterface;

/// <summary>
/// A foreign-exchange-office port: the box acts as a telephone on a line from an exchange. It recognises ringing (with
/// the regional cadence) and captures on-hook caller ID, seizes and releases the line, dials DTMF or pulse digits,
/// recognises call-progress tones, and supervises disconnect by loop-current drop, polarity reversal or busy tone.
/// </summary>
public interface IFxoPort : ILinePort
{
    /// <summary>True while the port holds the line (off-hook).</summary>
    bool IsOffHook { get; }

    /// <summary>True while queued digits are still being dialled.</summary>
    bool IsDialling { get; }

    /// <summary>The line polarity last measured.</summary>
    LinePolarity Polarity { get; }

    /// <summary>The call-progress tone recognised on the line now (<see cref="CallProgressTone.None"/> when none).</summary>
    CallProgressTone HeardTone { get; }

    /// <summary>Raised for each ring cycle of an incoming call while on-hook.</summary>
    event EventHandler<FxoRing>? Ring;

    /// <summary>Raised when ringing stops without the port answering (the caller gave up).</summary>
    event EventHandler<TimeSpan>? RingingStopped;

    /// <summary>Raised for each complete, checksum-valid caller-ID message heard while on-hook.</summary>
    event EventHandler<CallerIdMessage>? CallerIdReceived;

    /// <summary>Raised when the measured line polarity changes (answer supervision and, on-hook, caller-ID alerting).</summary>
    event EventHandler<LinePolarity>? PolarityChanged;

    /// <summary>Raised when a call-progress tone is recognised or ends (<see cref="CallProgressTone.None"/>).</summary>
    event EventHandler<CallProgressTone>? ToneChanged;

    /// <summary>Raised once per call when disconnect supervision fires; the port stays off-hook until <see cref="Release"/>.</summary>
    event EventHandler<FxoDisconnect>? Disconnected;

    /// <summary>Goes off-hook: answers a ringing line or seizes an idle one.</summary>
    void Seize();

    /// <summary>Goes on-hook and drops anything still queued to dial.</summary>
    void Release();

    /// <summary>
    /// Queues digits to dial while off-hook: DTMF (0–9, *, #, A–D) or pulse (0–9). A ',' waits
    /// <see cref="Ports.FxoPortOptions.DialPause"/>. Throws <see cref="ArgumentException"/> naming the first invalid
    /// character, <see cref="InvalidOperationException"/> when on-hook.
    /// </summary>
    void Dial(string digits, DialMethod method);
}
