using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;

namespace FaxBox.FaxServer.Inbox;

/// <summary>
/// The inbox's files: <c>&lt;root&gt;/incoming/&lt;id&gt;.tif.part</c> and <c>&lt;id&gt;.json</c> while a fax is
/// received and committed, <c>&lt;root&gt;/&lt;folder&gt;/&lt;id&gt;.tif</c> and <c>&lt;id&gt;.json</c> after, and
/// <c>&lt;root&gt;/tmp</c> for PDFs made for delivery. Keeps an id → folder index. Callers serialise writes.
/// </summary>
internal sealed class InboxStore
{
    private const string MetaExtension = ".json";
    private const string TiffExtension = ".tif";
    private const string PartExtension = ".tif.part";

    private readonly ConcurrentDictionary<string, string> _folderOf = new(StringComparer.Ordinal);

    public InboxStore(string dataDirectory)
    {
        Root = Path.GetFullPath(Path.Combine(dataDirectory, "inbox"));
        Incoming = Path.Combine(Root, "incoming");
        Temp = Path.Combine(Root, "tmp");
    }

    public string Root { get; }

    public string Incoming { get; }

    public string Temp { get; }

    /// <summary>Creates the folders.</summary>
    public void EnsureFolders()
    {
        Directory.CreateDirectory(Incoming);
        Directory.CreateDirectory(Temp);
    }

    /// <summary>A new time-ordered id: UTC time of the offer to the millisecond and 32 random bits.</summary>
    public static string NewId(DateTimeOffset now) =>
        $"{now.UtcDateTime:yyyyMMdd'T'HHmmssfff'Z'}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";

    /// <summary>Whether <paramref name="id"/> has the shape of an inbox id (so it can never name another path).</summary>
    public static bool IsValidId(string? id) =>
        id is { Length: > 0 and <= 64 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    public string PartPath(string id) => Path.Combine(Incoming, id + PartExtension);

    public string IncomingMetaPath(string id) => Path.Combine(Incoming, id + MetaExtension);

    public string TiffPath(string folder, string id) => Path.Combine(Root, folder, id + TiffExtension);

    public string MetaPath(string folder, string id) => Path.Combine(Root, folder, id + MetaExtension);

    public string PdfPath(string id) => Path.Combine(Temp, id + ".pdf");

    /// <summary>The folder a stored fax is in, or null.</summary>
    public string? FolderOf(string id) => _folderOf.TryGetValue(id, out string? folder) ? folder : null;

    /// <summary>Writes the sidecar of a fax still in <c>incoming</c>.</summary>
    public void SaveIncoming(ReceivedFax fax) => DurableFile.WriteAllBytes(IncomingMetaPath(fax.Id), Serialize(fax));

    /// <summary>Writes the sidecar of a stored fax (in its folder).</summary>
    public void Save(ReceivedFax fax) => DurableFile.WriteAllBytes(MetaPath(fax.Folder, fax.Id), Serialize(fax));

    /// <summary>Moves a committed fax's sidecar from <c>incoming</c> into its folder and indexes it.</summary>
    public void PublishIncoming(ReceivedFax fax)
    {
        DurableFile.Move(IncomingMetaPath(fax.Id), MetaPath(fax.Folder, fax.Id));
        _folderOf[fax.Id] = fax.Folder;
    }

    /// <summary>Forgets a deleted fax.</summary>
    public void Forget(string id) => _folderOf.TryRemove(id, out _);

    /// <summary>Reads a sidecar; throws <see cref="InvalidDataException"/> naming the file when it is not one.</summary>
    public static ReceivedFax Read(string path)
    {
        try
        {
            byte[] bytes = File.ReadAllBytes(path);
            return JsonSerializer.Deserialize(bytes, InboxJsonContext.Default.ReceivedFax)
                ?? throw new InvalidDataException($"{path}: the sidecar is 'null'");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: not a fax sidecar (line {ex.LineNumber + 1}: {ex.Message})", ex);
        }
    }

    /// <summary>The stored fax <paramref name="id"/>, or null when there is none.</summary>
    public ReceivedFax? TryLoad(string id)
    {
        if (FolderOf(id) is not { } folder)
        {
            return null;
        }

        string path = MetaPath(folder, id);
        return File.Exists(path) ? Read(path) : null;
    }

    /// <summary>
    /// Indexes every sidecar under the folders (not <c>incoming</c> or <c>tmp</c>); sidecars that cannot be read are
    /// reported through <paramref name="bad"/> and left where they are.
    /// </summary>
    public List<ReceivedFax> Scan(Action<string, string> bad)
    {
        var found = new List<ReceivedFax>();
        foreach (string folder in Directory.EnumerateDirectories(Root))
        {
            string name = Path.GetFileName(folder);
            if (name is "incoming" or "tmp")
            {
                continue;
            }

            foreach (string path in Directory.EnumerateFiles(folder, "*" + MetaExtension))
            {
                string id = Path.GetFileNameWithoutExtension(path);
                if (!IsValidId(id))
                {
                    continue;
                }

                try
                {
                    ReceivedFax fax = Read(path);
                    if (fax.Id != id || fax.Folder != name)
                    {
                        bad(path, $"the sidecar says id '{fax.Id}' in folder '{fax.Folder}'");
                        continue;
                    }

                    _folderOf[id] = name;
                    found.Add(fax);
                }
                catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
                {
                    bad(path, ex.Message);
                }
            }
        }

        return found;
    }

    /// <summary>The ids with files left in <c>incoming</c> (a crash or power loss while receiving or committing).</summary>
    public IEnumerable<string> LeftoverIds() =>
        Directory.EnumerateFiles(Incoming)
            .Select(Path.GetFileName)
            .Where(n => n is not null && !n.StartsWith('.'))
            .Select(n => n!.EndsWith(PartExtension, StringComparison.Ordinal) ? n[..^PartExtension.Length] : Path.GetFileNameWithoutExtension(n))
            .Where(IsValidId)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Removes temporary files (".*.tmp" from interrupted atomic writes, delivery PDFs).</summary>
    public void SweepTemporaryFiles()
    {
        foreach (string path in Directory.EnumerateFiles(Temp))
        {
            DurableFile.TryDelete(path);
        }

        foreach (string folder in Directory.EnumerateDirectories(Root))
        {
            foreach (string path in Directory.EnumerateFiles(folder, ".*.tmp"))
            {
                DurableFile.TryDelete(path);
            }
        }
    }

    private static byte[] Serialize(ReceivedFax fax) => JsonSerializer.SerializeToUtf8Bytes(fax, InboxJsonContext.Default.ReceivedFax);
}
