namespace FaxBox.Host.Configuration;

/// <summary>One thing wrong with a configuration file: which file, which key (a JSON path such as <c>ports[1].fax.t38</c>), and why.</summary>
/// <param name="File">The file as named to the loader (or <c>embedded:default.faxbox.json</c>); a board file's errors name the board file.</param>
/// <param name="Key">The JSON path of the offending key, <c>line L, column C</c> for a syntax error, or <c>(file)</c>.</param>
/// <param name="Reason">What is wrong and, where possible, what is allowed.</param>
public sealed record ConfigurationError(string File, string Key, string Reason)
{
    /// <summary><c>FILE: KEY: REASON</c>.</summary>
    public override string ToString() => $"{File}: {Key}: {Reason}";
}
