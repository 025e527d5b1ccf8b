namespace FaxBox.Testing;

/// <summary>Paths every test project needs: the repository root, the shared folder beside it, and scratch folders.</summary>
internal static class TestPaths
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FaxBox.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"FaxBox.sln not found above {AppContext.BaseDirectory}");
    });

    /// <summary>The folder holding FaxBox.sln.</summary>
    public static string Repository => Root.Value;

    /// <summary>The team's shared folder (captures, vectors, notes), beside the repository.</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Repository, "..", "shared"));

    /// <summary>A file under the shared folder; fails the test with a clear message if it is missing.</summary>
    public static string SharedFile(string relative)
    {
        var path = Path.Combine(Shared, relative);
        return File.Exists(path) ? path : throw new FileNotFoundException($"shared test vector missing: {path}", path);
    }

    /// <summary>A new empty folder under the system temp folder, removed when disposed.</summary>
    public static TempFolder NewTempFolder() => new();
}

/// <summary>A scratch folder for one test.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "faxbox-test-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Names of all files in the folder (including hidden temporaries), sorted.</summary>
    public string[] Files() => [.. Directory.GetFiles(Path).Select(System.IO.Path.GetFileName).Order(StringComparer.Ordinal)!];

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder is not a test failure.
        }
    }
}
