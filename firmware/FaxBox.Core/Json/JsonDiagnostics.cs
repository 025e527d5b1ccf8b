using System.Text.Json;

namespace FaxBox.Core.Json;

/// <summary>
/// What every strict JSON reader of the box (board files, simulation scenarios, <c>faxbox.json</c>) says about a wrong
/// value: the key path of an error, a short description of what was found, and the known key a misspelt one was meant
/// to be.
/// </summary>
public static class JsonDiagnostics
{
    /// <summary><paramref name="key"/> under <paramref name="path"/> ("ports[1]" + "type" → "ports[1].type").</summary>
    public static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;

    /// <summary>What was found, for "must be …, found …" messages.</summary>
    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{value.GetString()}\"",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => value.ValueKind.ToString(),
    };

    /// <summary>The known key nearest to a misspelt one (case-insensitive edit distance ≤ 2), or null.</summary>
    public static string? Closest(string key, IReadOnlyList<string> known)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(known);
        string? best = null;
        var bestDistance = 3;
        foreach (var candidate in known)
        {
            var d = Distance(key.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (d < bestDistance)
            {
                best = candidate;
                bestDistance = d;
            }
        }

        return best;
    }

    /// <summary>The Levenshtein distance (insertions, deletions, substitutions) between two strings.</summary>
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
