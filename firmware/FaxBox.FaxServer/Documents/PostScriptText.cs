using System.Text;

namespace FaxBox.FaxServer.Documents;

/// <summary>
/// Text for generated PostScript programs: every string is written as a hexadecimal string (PLRM 3rd ed. §3.2.2,
/// <c>&lt;48656C6C6F&gt;</c>), so nothing a user typed (parentheses, backslashes, PostScript operators) can end the
/// string or become code. Characters are encoded in ISO Latin-1 (the fonts are re-encoded with ISOLatin1Encoding);
/// anything outside it, and control characters, become '?'.
/// </summary>
internal static class PostScriptText
{
    /// <summary>The hex string literal for <paramref name="text"/>.</summary>
    public static string Hex(string text)
    {
        var sb = new StringBuilder((text.Length * 2) + 2);
        sb.Append('<');
        foreach (char c in text)
        {
            int code = c is >= ' ' and <= '~' or >= '\u00A0' and <= '\u00FF' ? c : '?';
            sb.Append(code.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return sb.Append('>').ToString();
    }

    /// <summary>The hex string literal of a file path's bytes (UTF-8, as the kernel sees them).</summary>
    public static string HexPath(string path) =>
        "<" + Convert.ToHexString(Encoding.UTF8.GetBytes(path)) + ">";
}
