namespace FaxBox.LineInterface.Regions;

/// <summary>
/// One country's analog line signalling: the call-progress tone plan, the ring cadence, on-hook caller ID and the
/// nominal line impedance. Loaded from data (<see cref="LineRegions"/>), never hard-coded in the ports.
/// </summary>
public sealed class LineRegion
{
    /// <summary>ISO 3166-1 alpha-2 code ("US", "UK" is accepted for GB as telephony configs do).</summary>
    public required string Code { get; init; }

    /// <summary>A readable name ("United Kingdom").</summary>
    public required string Name { get; init; }

    /// <summary>Dial tone (E.180 §2.1).</summary>
    public required ToneSpec Dial { get; init; }

    /// <summary>Ringing tone, heard by the caller (E.180 §2.2).</summary>
    public required ToneSpec Ringback { get; init; }

    /// <summary>Busy tone (E.180 §2.3).</summary>
    public required ToneSpec Busy { get; init; }

    /// <summary>Congestion tone (E.180 §2.4).</summary>
    public required ToneSpec Congestion { get; init; }

    /// <summary>
    /// The special information tone (E.180 §2.6 / Q.35): 950, 1400 and 1800 Hz for 330 ms each at −24 dBm0, then 1 s of
    /// silence, unless the region's data says otherwise (North America: Telcordia's 913.8, 1370.6, 1776.7 Hz, 274, 274,
    /// 380 ms). Default <see cref="ItuSit"/>.
    /// </summary>
    public ToneSpec Sit { get; init; } = ItuSit;

    /// <summary>The special information tone of E.180 §2.6 with its nominal values.</summary>
    public static ToneSpec ItuSit { get; } = new([950, 1400, 1800], -24, new Cadence([330, 0, 330, 0, 330, 1000]), Sequential: true);

    /// <summary>The ringing signal on the loop.</summary>
    public required RingSpec Ring { get; init; }

    /// <summary>On-hook caller ID.</summary>
    public required CallerIdSpec CallerId { get; init; }

    /// <summary>The nominal line (and DAA AC termination) impedance, by its usual name ("600 Ω", "TBR21: 270 Ω + 750 Ω ∥ 150 nF").</summary>
    public required string Impedance { get; init; }

    /// <summary>Where the values come from (spec names and clauses).</summary>
    public string Source { get; init; } = string.Empty;

    /// <summary>The tone spec of a call-progress tone; throws for <see cref="CallProgressTone.None"/>.</summary>
    public ToneSpec ToneOf(CallProgressTone tone) => tone switch
    {
        CallProgressTone.Dial => Dial,
        CallProgressTone.Ringback => Ringback,
        CallProgressTone.Busy => Busy,
        CallProgressTone.Congestion => Congestion,
        CallProgressTone.Sit => Sit,
        _ => throw new ArgumentOutOfRangeException(nameof(tone), tone, "no tone spec for this value"),
    };

    /// <summary>The region code.</summary>
    public override string ToString() => Code;
}
