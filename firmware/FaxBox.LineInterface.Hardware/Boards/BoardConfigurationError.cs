namespace FaxBox.LineInterface.Hardware.Boards;

/// <summary>One thing wrong with a board file: which file, which key (a JSON path such as <c>ports[1].spi.chipSelect</c>), and why.</summary>
/// <param name="File">The board file's path as given.</param>
/// <param name="Key">The JSON path of the offending key, or <c>line L, byte B</c> for a syntax error.</param>
/// <param name="Reason">What is wrong and, where possible, what is allowed.</param>
public sealed record BoardConfigurationError(string File, string Key, string Reason)
{
    /// <summary><c>file: key: reason</c>.</summary>
    public override string ToString() => $"{File}: {Key}: {Reason}";
}
