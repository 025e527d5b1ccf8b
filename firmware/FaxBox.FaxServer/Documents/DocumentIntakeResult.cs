namespace FaxBox.FaxServer.Documents;

/// <summary>The sendable TIFF-F <see cref="DocumentIntake"/> wrote.</summary>
/// <param name="OutputPath">The TIFF-F file.</param>
/// <param name="Pages">Total number of pages.</param>
/// <param name="Files">Per submitted file, in order: its type and page count.</param>
public sealed record DocumentIntakeResult(string OutputPath, int Pages, IReadOnlyList<DocumentIntakeFile> Files);
