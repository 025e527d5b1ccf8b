namespace FaxBox.LineInterface.Regions;

/// <summary>
/// An on/off cadence: alternating on and off durations in milliseconds, starting with on, repeated for as long as the
/// signal lasts (ITU-T E.180 §2 notation "0.4 on 0.2 off 0.4 on 2.0 off"). An empty cadence is a continuous signal.
/// </summary>
public sealed class Cadence
{
    /// <summary>A continuous (uninterrupted) signal.</summary>
    public static readonly Cadence Continuous = new([]);

    private readonly int[] _milliseconds;

    /// <summary>Creates a cadence; throws <see cref="ArgumentException"/> when the count is odd or a duration is not positive.</summary>
    public Cadence(IReadOnlyList<int> onOffMilliseconds)
    {
        ArgumentNullException.ThrowIfNull(onOffMilliseconds);
        if (onOffMilliseconds.Count % 2 != 0)
        {
            throw new ArgumentException($"a cadence alternates on and off durations, so it needs an even count; got {onOffMilliseconds.Count}", nameof(onOffMilliseconds));
        }

        for (var i = 0; i < onOffMilliseconds.Count; i++)
        {
            if (onOffMilliseconds[i] <= 0)
            {
                throw new ArgumentException($"cadence duration {i} is {onOffMilliseconds[i]} ms; every duration must be positive", nameof(onOffMilliseconds));
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

    /// <summary>The E.180 notation, e.g. "0.4 on 0.2 off", or "continuous".</summary>
    public override string ToString() => IsContinuous
        ? "continuous"
        : string.Join(' ', _milliseconds.Select((ms, i) => FormattableString.Invariant($"{ms / 1000.0:0.###} {(i % 2 == 0 ? "on" : "off")}")));
}
