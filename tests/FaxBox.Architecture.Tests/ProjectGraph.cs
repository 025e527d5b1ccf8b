using System.Xml.Linq;
using FaxBox.Testing;

namespace FaxBox.Architecture.Tests;

/// <summary>The projects of the repository and their project references, read from the .csproj files.</summary>
internal static class ProjectGraph
{
    public static IReadOnlyList<string> Firmware => Projects("firmware");

    public static IReadOnlyList<string> Tests => Projects("tests");

    /// <summary>The names of the projects a project references (by file name without extension).</summary>
    public static IReadOnlyList<string> References(string folder, string project) =>
        XDocument.Load(Path.Combine(TestPaths.Repository, folder, project, project + ".csproj"))
            .Descendants("ProjectReference")
            .Select(e => Path.GetFileNameWithoutExtension(e.Attribute("Include")!.Value.Replace('\\', '/')))
            .ToList();

    private static List<string> Projects(string folder) =>
        Directory.GetDirectories(Path.Combine(TestPaths.Repository, folder))
            .Select(Path.GetFileName)
            .Where(name => File.Exists(Path.Combine(TestPaths.Repository, folder, name!, name + ".csproj")))
            .Select(name => name!)
            .Order(StringComparer.Ordinal)
            .ToList();
}
