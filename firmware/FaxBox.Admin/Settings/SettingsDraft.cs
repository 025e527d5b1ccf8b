using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace FaxBox.Admin.Settings;

/// <summary>
/// A settings form's unsaved document: entries added to and removed from the configuration's lists of objects
/// (<see cref="AdminSettingList"/>) travel with the form as a hidden field until Save, so adding a SIP account or removing
/// a routing rule works as a plain form post. The draft is the page's redacted document (secrets as placeholders, never a
/// typed secret); removing an entry re-labels the placeholders of the entries after it with the key their secret has in
/// the configuration in force (<see cref="IAdminConfiguration.SecretPlaceholderFrom"/>), so no secret moves to another entry.
/// </summary>
internal static partial class SettingsDraft
{
    /// <summary>The hidden field holding the draft document.</summary>
    public const string DraftField = "draft";

    /// <summary>The hidden field holding the fingerprint of the configuration the draft started from.</summary>
    public const string BaseField = "base";

    /// <summary>The button that adds an entry: its value is the list's key (<c>sip.accounts</c>).</summary>
    public const string AddField = "add";

    /// <summary>The button that removes an entry: its value is the entry's key (<c>sip.accounts[1]</c>).</summary>
    public const string RemoveField = "remove";

    /// <summary>At most this many entries in one list (a form is not the place for a thousand routes: use the API).</summary>
    public const int MaxEntries = 64;

    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 32 };

    private static readonly JsonSerializerOptions WriteOptions = new() { WriteIndented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A short fingerprint of a document: a draft whose base no longer matches the configuration in force is stale.</summary>
    public static string Fingerprint(string documentJson)
    {
        ArgumentNullException.ThrowIfNull(documentJson);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(documentJson)))[..32];
    }

    /// <summary>Appends a new entry to <paramref name="list"/> (creating the list and the objects above it as needed); returns the document and the entry's index.</summary>
    public static (string Json, int Index) Add(string documentJson, AdminSettingList list)
    {
        ArgumentNullException.ThrowIfNull(list);
        var root = Parse(documentJson);
        JsonObject parent = root;
        var keys = list.Path.Split('.');
        foreach (var key in keys[..^1])
        {
            if (parent[key] is not JsonObject child)
            {
                child = [];
                parent[key] = child;
            }

            parent = child;
        }

        if (parent[keys[^1]] is not JsonArray array)
        {
            array = [];
            parent[keys[^1]] = array;
        }

        if (array.Count >= MaxEntries)
        {
            throw new InvalidOperationException($"{list.Path} has {array.Count} entries, the most a form adds; edit it in the JSON view or with the API");
        }

        array.Add(JsonNode.Parse(list.NewEntryJson));
        return (root.ToJsonString(WriteOptions), array.Count - 1);
    }

    /// <summary>Removes entry <paramref name="index"/> of <paramref name="list"/>; throws <see cref="ArgumentOutOfRangeException"/> when the draft has no such entry.</summary>
    public static string Remove(string documentJson, AdminSettingList list, int index)
    {
        ArgumentNullException.ThrowIfNull(list);
        var root = Parse(documentJson);
        JsonNode? node = root;
        foreach (var key in list.Path.Split('.'))
        {
            node = node is JsonObject o ? o[key] : null;
        }

        if (node is not JsonArray array || index < 0 || index >= array.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"{list.Path}[{index}]: the form has no such entry (it may have been removed already)");
        }

        for (var j = index + 1; j < array.Count; j++)
        {
            Label(array[j], $"{list.Path}[{j}]");
        }

        array.RemoveAt(index);
        return root.ToJsonString(WriteOptions);
    }

    /// <summary>Reads a remove button's value (<c>sip.accounts[1]</c>): one of <paramref name="lists"/> and an index.</summary>
    public static bool TryParseEntry(string? text, IReadOnlyList<AdminSettingList> lists, out AdminSettingList? list, out int index)
    {
        ArgumentNullException.ThrowIfNull(lists);
        list = null;
        index = -1;
        if (text is null || EntryKey().Match(text) is not { Success: true } match
            || !int.TryParse(match.Groups[2].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out index))
        {
            return false;
        }

        var path = match.Groups[1].Value;
        list = lists.FirstOrDefault(l => l.Path == path);
        return list is not null;
    }

    private static JsonObject Parse(string documentJson)
    {
        ArgumentNullException.ThrowIfNull(documentJson);
        return JsonNode.Parse(documentJson, null, DocumentOptions) as JsonObject
            ?? throw new JsonException("the configuration document is not a JSON object");
    }

    /// <summary>Replaces each plain placeholder under <paramref name="node"/> (at <paramref name="path"/> in the configuration in force) by one naming its key.</summary>
    private static void Label(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Select(p => p.Key).ToList())
                {
                    if (IsPlainPlaceholder(o[key]))
                    {
                        o[key] = IAdminConfiguration.SecretPlaceholderFrom + path + "." + key + ")";
                    }
                    else
                    {
                        Label(o[key], path + "." + key);
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    if (IsPlainPlaceholder(a[i]))
                    {
                        a[i] = IAdminConfiguration.SecretPlaceholderFrom + $"{path}[{i}])";
                    }
                    else
                    {
                        Label(a[i], $"{path}[{i}]");
                    }
                }

                break;
        }
    }

    private static bool IsPlainPlaceholder(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() == IAdminConfiguration.SecretPlaceholder;

    [GeneratedRegex(@"^([A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9]*)*)\[([0-9]{1,4})\]$", RegexOptions.CultureInvariant)]
    private static partial Regex EntryKey();
}
