namespace FaxBox.FaxServer.Documents;

/// <summary>One submitted file.</summary>
/// <param name="Path">Where the file is on disk (an upload's temporary file, say).</param>
/// <param name="DisplayName">
/// The name the submitter knows it by, used in rejection messages; default null = the file name of <paramref name="Path"/>.
/// Its extension is never used to decide the file's type.
/// </param>
public sealed record DocumentSource(string Path, string? DisplayName = null)
{
    /// <summary>The name shown in messages: <see cref="DisplayName"/> or the file name of <see cref="Path"/>.</summary>
    public string Name => string.IsNullOrWhiteSpace(DisplayName) ? System.IO.Path.GetFileName(Path) : DisplayName;
}
