using FaxBox.Fax.CallerId;

namespace FaxBox.LineInterface;

/// <summary>
/// A foreign-exchange-station port: the box acts as the exchange towards a telephone or fax machine plugged into it.
/// It feeds battery, rings with the regional cadence (with on-hook caller ID at the regional moment), recognises hook
/// transitions, hook flash and pulse and DTMF digits, reverses polarity, and plays the regional call-progress tones.
/// </summary>
public interface IFxsPort : ILinePort
{
    /// <summary>The debounced hook state of the terminal.</summary>
    HookState Hook { get; }

    /// <summary>True while a ringing sequence (rings and caller ID) is in progress.</summary>
    bool IsRinging { get; }

    /// <summary>The tone the port is playing now.</summary>
    CallProgressTone Tone { get; }

    /// <summary>The battery polarity applied now.</summary>
    LinePolarity Polarity { get; }

    /// <summary>True while battery is fed (false after <see cref="SetBattery"/>(false): an open loop).</summary>
    bool BatteryFed { get; }

    /// <summary>Raised when the terminal goes off-hook (debounced) or on-hook (longer than the longest flash).</summary>
    event EventHandler<HookChange>? HookChanged;

    /// <summary>Raised for a hook flash: an on-hook between the flash minimum and maximum while off-hook.</summary>
    event EventHandler<TimeSpan>? HookFlash;

    /// <summary>Raised for each DTMF or pulse digit the terminal dials while off-hook.</summary>
    event EventHandler<DialledDigit>? DigitReceived;

    /// <summary>
    /// Starts ringing with the region's ring cadence, sending <paramref name="callerId"/> (when not null) in the region's
    /// caller-ID standard at the region's moment. Ringing stops by itself when the terminal answers (ring trip).
    /// Throws <see cref="InvalidOperationException"/> when the terminal is off-hook.
    /// </summary>
    void Ring(CallerIdMessage? callerId = null);

    /// <summary>
    /// Whether the port's DTMF receiver listens while the line is off-hook (<see cref="DigitReceived"/>). Call control
    /// turns it off outside dialling: it costs CPU every frame and fax signals must not be taken for digits. Default true.
    /// </summary>
    bool DigitDetection { get; set; }

    /// <summary>Stops ringing (the caller gave up); no effect when not ringing.</summary>
    void StopRinging();

    /// <summary>Plays a regional call-progress tone towards the terminal (replacing the box audio) until another tone or <see cref="CallProgressTone.None"/>.</summary>
    void PlayTone(CallProgressTone tone);

    /// <summary>Applies forward or reversed battery (answer and clear supervision towards a PBX or payphone).</summary>
    void SetPolarity(LinePolarity polarity);

    /// <summary>Feeds battery (true, the default) or opens the loop (false: a disconnect clear, "CPC").</summary>
    void SetBattery(bool fed);
}
