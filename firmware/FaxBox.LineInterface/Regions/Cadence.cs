namespace FaxBox.LineInterface.Regions;

/// <summary>
/// An on/off cadence: alternating on and off durations in milliseconds, starting with on, repeated for as long as the
/// signal lasts (ITU-T E.180 §2 notation "0.4 on 0.2 off 0.4 on 2.0 off"). An empty cadence is a continuous signal.
/// An off duration may be zero where one on segment follows the next at once (the tone sequence of a special
/// information tone, E.180 §2.6: "0.33 on 0 off 0.33 on 0 off 0.33 on 1.0 off"); on durations are always positive.
/// </summary>
public sealed class Cadence
{
    /// <summary>A continuous (uninterrupted) signal.</summary>
    public static readonly Cadence Continuous = new([]);

    private readonly int[] _milliseconds;

    /// <summary>
    /// Creates a cadence; throws <see cref="ArgumentException"/> when the count is odd, an on duration is not positive,
    /// an off duration is negative or the cycle is empty.
    /// </summary>
    public Cadence(IReadOnlyList<int> onOffMilliseconds)
    {
        ArgumentNullException.ThrowIfNull(onOffMilliseconds);
        if (onOffMilliseconds.Count % 2 != 0)
        {
            throw new ArgumentException($"a cadence alternates on and off durations, so it needs an even count; got {onOffMilliseconds.Count}", nameof(onOffMilliseconds));
        }

        for (var i = 0; i < onOffMilliseconds.Count; i++)
        {
            if (onOffMilliseconds[i] <= 0 && (i % 2 == 0 || onOffMilliseconds[i] < 0))
            {
                throw new ArgumentException(
                    i % 2 == 0
                        ? $"cadence duration {i} is {onOffMilliseconds[i]} ms; every on duration must be positive"
                        : $"cadence duration {i} is {onOffMilliseconds[i]} ms; an off duration must be zero or positive",
                    nameof(onOffMilliseconds));
            }
        }

        _milliseconds = [.. onOffMilliseconds];
        CycleMilliseconds = _milliseconds.Sum();
    }

    /// <summary>The on and off durations in milliseconds (on first); empty for a continuous signal.</summary>
    public IReadOnlyList<int> OnOffMilliseconds => _milliseconds;

    /// <summary>True for a continuous signal.</summary>
    public bool IsContinuous => _milliseconds.Length == 0;

    /// <summary>The length of one cycle in milliseconds (0 when continuous).</summary>
    public int CycleMilliseconds { get; }

    /// <summary>Whether the signal is on at <paramref name="millisecondsIntoSignal"/> after it started.</summary>
    public bool IsOnAt(long millisecondsIntoSignal)
    {
        if (IsContinuous)
        {
            return true;
        }

        var t = millisecondsIntoSignal % CycleMilliseconds;
        for (var i = 0; i < _milliseconds.Length; i++)
        {
            if (t < _milliseconds[i])
            {
                return i % 2 == 0;
            }

            t -= _milliseconds[i];
        }

        return false;
    }

    /// <summary>
    /// Which on segment of the cycle is playing at <paramref name="millisecondsIntoSignal"/>: 0 for the first on segment,
    /// 1 for the second, ...; −1 in an off part. A continuous signal is always in segment 0.
    /// </summary>
    public int OnSegmentAt(long millisecondsIntoSignal)
    {
        if (IsContinuous)
        {
            return 0;
        }

        var t = millisecondsIntoSignal % CycleMilliseconds;
        for (var i = 0; i < _milliseconds.Length; i++)
        {
            if (t < _milliseconds[i])
            {
                return i % 2 == 0 ? i / 2 : -1;
            }

            t -= _milliseconds[i];
        }

        return -1;
    }

    /// <summary>The number of on segments in one cycle (1 for a continuous signal).</summary>
    public int OnSegmentCount => IsContinuous ? 1 : _milliseconds.Length / 2;

    /// <summary>The E.180 notation, e.g. "0.4 on 0.2 off", or "continuous".</summary>
    public override string ToString() => IsContinuous
        ? "continuous"
        : string.Join(' ', _milliseconds.Select((ms, i) => FormattableString.Invariant($"{ms / 1000.0:0.###} {(i % 2 == 0 ? "on" : "off")}")));
}
