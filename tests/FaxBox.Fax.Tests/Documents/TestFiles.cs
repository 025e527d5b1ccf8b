namespace FaxBox.Fax.Tests.Documents;

/// <summary>Locates the repository and the shared sample files.</summary>
internal static class TestFiles
{
    private static readonly Lazy<string> s_repoRoot = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FaxBox.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("FaxBox.sln not found above " + AppContext.BaseDirectory);
    });

    /// <summary>The directory containing FaxBox.sln.</summary>
    public static string RepoRoot => s_repoRoot.Value;

    /// <summary>The real two-page G3 sample sent in the Asterisk captures.</summary>
    public static string SampleG3 => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "captures", "test-2p-g3.tif"));
}
