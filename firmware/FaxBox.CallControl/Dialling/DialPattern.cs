using System.Diagnostics.CodeAnalysis;

namespace FaxBox.CallControl.Dialling;

/// <summary>
/// One dial-plan pattern (see <see cref="Configuration.DialPlanOptions"/>), in the style of analog telephone adapter dial
/// plans: a digit matches itself, <c>x</c> any digit 0-9, <c>[2-9]</c> or <c>[135]</c> one of a set (digits, ranges of
/// digits, <c>*</c>, <c>#</c>), <c>.</c> repeats the element before it zero or more times, and <c>*</c>, <c>#</c> and
/// <c>+</c> (the E.164 international prefix, ITU-T E.164 §2.5 / E.123) match themselves.
/// Examples: <c>[2-9]xx</c> (three-digit extensions), <c>0x.</c> (anything after the trunk prefix), <c>+x.</c>, <c>*xx#</c>.
/// </summary>
/// <remarks>
/// The pattern is compiled to a non-deterministic automaton with one state per element, held as a bit set, so matching
/// is allocation-free and linear in the digits. A pattern has at most <see cref="MaxElements"/> elements.
/// </remarks>
public sealed class DialPattern
{
    /// <summary>The most elements (digits, sets, <c>x</c>) a pattern may have.</summary>
    public const int MaxElements = 63;

    private const int StarBit = 10;
    private const int HashBit = 11;
    private const int PlusBit = 12;
    private const ushort AnyDigit = 0x3FF;

    private readonly ushort[] _sets;
    private readonly ulong _repeats;
    private readonly ulong _accept;

    private DialPattern(string text, ushort[] sets, ulong repeats)
    {
        Text = text;
        _sets = sets;
        _repeats = repeats;
        _accept = 1UL << sets.Length;
    }

    /// <summary>The pattern as written.</summary>
    public string Text { get; }

    /// <summary>Parses <paramref name="text"/>; false with a reason naming the (1-based) position when it is not a pattern.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out DialPattern? pattern, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        pattern = null;
        if (text.Length == 0)
        {
            error = "the pattern is empty";
            return false;
        }

        var sets = new List<ushort>();
        ulong repeats = 0;
        var lastWasRepeat = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var position = i + 1;
            if (c == '.')
            {
                if (sets.Count == 0)
                {
                    error = $"position {position}: '.' has no element before it to repeat";
                    return false;
                }

                if (lastWasRepeat)
                {
                    error = $"position {position}: '.' follows another '.'; an element repeats once ('x.')";
                    return false;
                }

                repeats |= 1UL << (sets.Count - 1);
                lastWasRepeat = true;
                continue;
            }

            lastWasRepeat = false;
            ushort set;
            if (c == '[')
            {
                if (!TryParseSet(text, ref i, out set, out error))
                {
                    return false;
                }
            }
            else if (c is 'x' or 'X')
            {
                set = AnyDigit;
            }
            else if (BitOf(c) is var bit and >= 0)
            {
                set = (ushort)(1 << bit);
            }
            else
            {
                error = $"position {position}: unexpected '{c}' (a pattern has digits, x, [set], '.', *, # and +)";
                return false;
            }

            if (sets.Count == MaxElements)
            {
                error = $"position {position}: the pattern has more than {MaxElements} elements";
                return false;
            }

            sets.Add(set);
        }

        pattern = new DialPattern(text, [.. sets], repeats);
        error = null;
        return true;
    }

    /// <summary>Parses <paramref name="text"/>; throws <see cref="FormatException"/> with the position when it is not a pattern.</summary>
    public static DialPattern Parse(string text) =>
        TryParse(text, out var pattern, out var error) ? pattern : throw new FormatException($"dial pattern '{text}': {error}");

    /// <summary>How <paramref name="digits"/> (0-9, *, #, +; anything else never matches) match this pattern.</summary>
    public DialMatch Match(ReadOnlySpan<char> digits)
    {
        var states = Closure(1UL);
        foreach (var c in digits)
        {
            states = Step(states, c);
            if (states == 0)
            {
                return DialMatch.None;
            }
        }

        return Classify(states);
    }

    /// <summary>
    /// The automaton's states before any digit, for a caller that extends the digits one at a time
    /// (<see cref="Step"/> then <see cref="Classify"/>); a state set of 0 means no match is possible.
    /// </summary>
    internal ulong Start => Closure(1UL);

    /// <summary>The states after one more digit <paramref name="c"/> from <paramref name="states"/>.</summary>
    internal ulong Step(ulong states, char c)
    {
        var bit = BitOf(c);
        if (bit < 0)
        {
            return 0;
        }

        ulong next = 0;
        var live = states & ~_accept;
        while (live != 0)
        {
            var i = System.Numerics.BitOperations.TrailingZeroCount(live);
            live &= live - 1;
            if ((_sets[i] & (1 << bit)) != 0)
            {
                next |= (_repeats & (1UL << i)) != 0 ? 1UL << i : 1UL << (i + 1);
            }
        }

        return Closure(next);
    }

    /// <summary>The match a set of states stands for.</summary>
    internal DialMatch Classify(ulong states)
    {
        // Every element accepts at least one character, so any live state below the accepting one can still reach it
        // with one or more further characters: it is exactly "a longer string could match".
        var accepted = (states & _accept) != 0;
        var canExtend = (states & ~_accept) != 0;
        return (accepted, canExtend) switch
        {
            (true, true) => DialMatch.CompleteCanExtend,
            (true, false) => DialMatch.Complete,
            (false, true) => DialMatch.Partial,
            _ => DialMatch.None,
        };
    }

    /// <summary>The pattern as written.</summary>
    public override string ToString() => Text;

    private ulong Closure(ulong states)
    {
        // A repeated element may be skipped (zero repetitions): its state also stands in the next one. Skips only move
        // forward, so one ascending pass reaches the fixed point.
        for (var i = 0; i < _sets.Length; i++)
        {
            if ((states & (1UL << i)) != 0 && (_repeats & (1UL << i)) != 0)
            {
                states |= 1UL << (i + 1);
            }
        }

        return states;
    }

    private static int BitOf(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        '*' => StarBit,
        '#' => HashBit,
        '+' => PlusBit,
        _ => -1,
    };

    private static bool TryParseSet(string text, ref int i, out ushort set, [NotNullWhen(false)] out string? error)
    {
        var open = i + 1;
        set = 0;
        if (text.IndexOf(']', i + 1) < 0)
        {
            error = $"position {open}: unclosed '['";
            return false;
        }

        i++;
        while (i < text.Length && text[i] != ']')
        {
            var c = text[i];
            if (c == '-')
            {
                error = $"position {i + 1}: '-' in a set needs a digit on each side ('[2-9]')";
                return false;
            }

            if (c is '*' or '#')
            {
                set |= (ushort)(1 << BitOf(c));
                i++;
                continue;
            }

            if (!char.IsAsciiDigit(c))
            {
                error = c == '[' ? $"position {i + 1}: '[' inside a set (the set opened at position {open} is not closed)" : $"position {i + 1}: unexpected '{c}' in a set (digits, ranges like 2-9, * and #)";
                return false;
            }

            if (i + 2 < text.Length && text[i + 1] == '-' && text[i + 2] != ']')
            {
                var last = text[i + 2];
                if (!char.IsAsciiDigit(last))
                {
                    error = $"position {i + 3}: a range ends with a digit, not '{last}'";
                    return false;
                }

                if (last < c)
                {
                    error = $"position {i + 1}: the range {c}-{last} runs backwards";
                    return false;
                }

                for (var d = c; d <= last; d++)
                {
                    set |= (ushort)(1 << (d - '0'));
                }

                i += 3;
                continue;
            }

            set |= (ushort)(1 << (c - '0'));
            i++;
        }

        if (i >= text.Length)
        {
            error = $"position {open}: unclosed '['";
            return false;
        }

        if (set == 0)
        {
            error = $"position {open}: empty set '[]'";
            return false;
        }

        error = null;
        return true;
    }
}
