using FaxBox.Testing;

namespace FaxBox.Sip.Tests.Parsing;

/// <summary>The RFC 4475 and RFC 5118 torture messages from the shared vectors folder, with their MANIFEST.tsv rows.</summary>
internal static class TortureVectors
{
    public sealed record Row(string Folder, string Name, string Section, string Expected, string Answer)
    {
        public string File(bool wire = false) => TestPaths.SharedFile(wire ? $"vectors/{Folder}/wire/{Name}.dat" : $"vectors/{Folder}/{Name}.dat");

        public override string ToString() => $"{Folder}/{Name}";
    }

    public static IReadOnlyList<Row> Load(string folder) =>
        [.. File.ReadAllLines(TestPaths.SharedFile($"vectors/{folder}/MANIFEST.tsv"))
            .Skip(1)
            .Where(l => l.Length > 0)
            .Select(l => l.Split('\t'))
            .Select(f => new Row(folder, f[0], f[1], f[2], f[3]))];

    public static TheoryData<string> Names(string folder)
    {
        var data = new TheoryData<string>();
        foreach (var row in Load(folder))
        {
            data.Add(row.Name);
        }

        return data;
    }

    public static Row Get(string folder, string name) => Load(folder).Single(r => r.Name == name);
}
