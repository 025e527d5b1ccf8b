using System.Diagnostics.CodeAnalysis;

namespace FaxBox.CallControl.Dialling;

/// <summary>One dial-plan pattern (see <see cref="Configuration.DialPlanOptions"/>). Placeholder until the dial plan lands.</summary>
public sealed class DialPattern
{
    private DialPattern(string text) => Text = text;

    /// <summary>The pattern as written.</summary>
    public string Text { get; }

    /// <summary>Parses <paramref name="text"/>; false with a reason naming the position when it is not a pattern.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out DialPattern? pattern, [NotNullWhen(false)] out string? error)
    {
        pattern = new DialPattern(text);
        error = null;
        return true;
    }
}
