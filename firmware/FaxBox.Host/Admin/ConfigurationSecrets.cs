using System.Text.Json;
using System.Text.Json.Nodes;
using FaxBox.Admin.Settings;
using FaxBox.Host.Configuration;
using static FaxBox.Core.Json.JsonDiagnostics;

namespace FaxBox.Host.Admin;

/// <summary>
/// Keeps secrets out of pages: <see cref="Redact"/> replaces every secret string of a configuration document by
/// <see cref="IAdminConfiguration.SecretPlaceholder"/>, and <see cref="Restore"/> puts back, into an edited document,
/// the secret the current document has at the same key wherever the placeholder was left.
/// </summary>
internal static class ConfigurationSecrets
{
    internal static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = false };

    internal static readonly JsonSerializerOptions WriteOptions = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Parses configuration text the way the loader does (comments, trailing commas); throws <see cref="JsonException"/>.</summary>
    public static JsonNode? Parse(string json) => JsonNode.Parse(json, NodeOptions, FaxBoxConfiguration.DocumentOptions);

    /// <summary>The document with its secrets replaced by the placeholder, indented; comments are not kept.</summary>
    public static string Redact(string json)
    {
        var root = Parse(json);
        Visit(root, string.Empty, (path, value) => ConfigurationSettings.IsSecret(path) && value.GetValueKind() == JsonValueKind.String && value.GetValue<string>().Length > 0
            ? JsonValue.Create(IAdminConfiguration.SecretPlaceholder)
            : null);
        return root?.ToJsonString(WriteOptions) ?? "null";
    }

    /// <summary>
    /// Replaces each placeholder of <paramref name="edited"/> by the secret <paramref name="current"/> has at the same key;
    /// returns the keys where it has none (the placeholder cannot stand for anything there).
    /// </summary>
    public static IReadOnlyList<string> Restore(JsonNode? edited, JsonNode? current)
    {
        var missing = new List<string>();
        Visit(edited, string.Empty, (path, value) =>
        {
            if (value.GetValueKind() != JsonValueKind.String || Source(path, value.GetValue<string>()) is not { } source)
            {
                return null;
            }

            if (source.Length > 0 && At(current, source) is JsonValue secret && secret.GetValueKind() == JsonValueKind.String)
            {
                return JsonValue.Create(secret.GetValue<string>());
            }

            missing.Add(path);
            return null;
        });
        return missing;
    }

    /// <summary>
    /// Where the secret a placeholder at <paramref name="path"/> stands for is in the current document: the same key for
    /// <see cref="IAdminConfiguration.SecretPlaceholder"/>, the key named by <see cref="IAdminConfiguration.SecretPlaceholderFrom"/>
    /// (empty, so nothing, unless it is the same secret key in the same or a later entry of its lists and well formed); null
    /// when the text is no placeholder.
    /// </summary>
    internal static string? Source(string path, string text)
    {
        if (text == IAdminConfiguration.SecretPlaceholder)
        {
            return path;
        }

        if (!text.StartsWith(IAdminConfiguration.SecretPlaceholderFrom, StringComparison.Ordinal) || !text.EndsWith(')'))
        {
            return null;
        }

        var source = text[IAdminConfiguration.SecretPlaceholderFrom.Length..^1];
        try
        {
            return ConfigurationSettings.IsSecret(path) && MovedUp(source, path) ? source : string.Empty;
        }
        catch (FormatException)
        {
            return string.Empty;
        }
    }

    /// <summary>
    /// Whether <paramref name="source"/> is the same key as <paramref name="path"/> in an entry at the same or a later
    /// place of the same lists: where a removed entry's followers come from (SettingsDraft.Remove). Anything else could
    /// copy one secret into another key (the SIP password into the SMTP password of a server the editor chose).
    /// </summary>
    private static bool MovedUp(string source, string path)
    {
        var from = Segments(source).ToList();
        var to = Segments(path).ToList();
        return from.Count == to.Count
            && from.Zip(to).All(p => p.First.Key == p.Second.Key && (p.First.Index is null) == (p.Second.Index is null) && (p.First.Index ?? 0) >= (p.Second.Index ?? 0));
    }

    /// <summary>The node at a configuration path (<c>sip.accounts[0].password</c>), or null.</summary>
    public static JsonNode? At(JsonNode? root, string path)
    {
        var node = root;
        foreach (var (key, index) in Segments(path))
        {
            node = index is { } i
                ? node is JsonArray array && i < array.Count ? array[i] : null
                : node is JsonObject o && o.TryGetPropertyValue(key!, out var child) ? child : null;
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    /// <summary>A path's steps: property names, and array indexes.</summary>
    internal static IEnumerable<(string? Key, int? Index)> Segments(string path)
    {
        foreach (var part in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            yield return (bracket < 0 ? part : part[..bracket], null);
            while (bracket >= 0)
            {
                var close = part.IndexOf(']', bracket);
                if (close < 0 || !int.TryParse(part.AsSpan(bracket + 1, close - bracket - 1), System.Globalization.CultureInfo.InvariantCulture, out var index) || index < 0)
                {
                    throw new FormatException($"'{path}' is not a configuration path like sip.accounts[0].password");
                }

                yield return (null, index);
                bracket = part.IndexOf('[', close);
            }
        }
    }

    /// <summary>Calls <paramref name="replace"/> for every leaf value; a non-null result replaces the leaf.</summary>
    private static void Visit(JsonNode? node, string path, Func<string, JsonValue, JsonNode?> replace)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Select(p => p.Key).ToList())
                {
                    var childPath = Join(path, key);
                    if (o[key] is JsonValue leaf)
                    {
                        if (replace(childPath, leaf) is { } replacement)
                        {
                            o[key] = replacement;
                        }
                    }
                    else
                    {
                        Visit(o[key], childPath, replace);
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    if (a[i] is JsonValue leaf)
                    {
                        if (replace($"{path}[{i}]", leaf) is { } replacement)
                        {
                            a[i] = replacement;
                        }
                    }
                    else
                    {
                        Visit(a[i], $"{path}[{i}]", replace);
                    }
                }

                break;
        }
    }
}
