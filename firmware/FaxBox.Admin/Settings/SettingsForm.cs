using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FaxBox.Admin.Settings;

/// <summary>
/// Turns a posted settings form into a configuration document: each field whose value differs from the setting's
/// effective value is written at its key in the current document (objects created as needed), so the file keeps what
/// the administrator did not touch. Values are typed as the setting's kind says (numbers, true/false, lists); a value
/// that does not fit is written as text, and the box's validation then names the key.
/// </summary>
internal static class SettingsForm
{
    /// <summary>The prefix of a setting's form field name: <c>s:fax.t38</c>.</summary>
    public const string FieldPrefix = "s:";

    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 32 };

    private static readonly JsonSerializerOptions WriteOptions = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The field name of a setting.</summary>
    public static string FieldName(AdminSetting setting) => FieldPrefix + setting.Path;

    /// <summary>An HTML id for a setting's control.</summary>
    public static string FieldId(string path) => "f-" + string.Concat(path.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-'));

    /// <summary>
    /// Applies the posted values (<paramref name="posted"/>: field name → the values posted) of the settings in
    /// <paramref name="settings"/> to <paramref name="documentJson"/>; returns the new document and the keys changed,
    /// or errors per key for values that cannot be placed. With <paramref name="secrets"/> false, typed secrets are left
    /// out (a draft that goes back to the page never carries one).
    /// </summary>
    public static (string Json, IReadOnlyList<string> Changed, IReadOnlyList<AdminConfigurationError> Errors) Apply(
        string documentJson, IEnumerable<AdminSetting> settings, Func<string, IReadOnlyList<string>> posted, bool secrets = true)
    {
        ArgumentNullException.ThrowIfNull(documentJson);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(posted);
        var root = JsonNode.Parse(documentJson, null, DocumentOptions) as JsonObject ?? [];
        var changed = new List<string>();
        var errors = new List<AdminConfigurationError>();
        foreach (var setting in settings)
        {
            var values = posted(FieldName(setting));
            if (values.Count == 0 || (!secrets && setting.Kind == AdminSettingKind.Secret))
            {
                continue; // not on this form (a check box posts a hidden "false" before its "true")
            }

            if (!TryValue(setting, values, out var value))
            {
                continue; // unchanged
            }

            if (!TrySet(root, setting.Path, value, out var reason))
            {
                errors.Add(new AdminConfigurationError(setting.Path, reason, $"{setting.Path}: {reason}"));
                continue;
            }

            changed.Add(setting.Path);
        }

        return (root.ToJsonString(WriteOptions), changed, errors);
    }

    /// <summary>The JSON value for the posted text, or false when it says what the setting already is.</summary>
    private static bool TryValue(AdminSetting setting, IReadOnlyList<string> values, out JsonNode? value)
    {
        value = null;
        var text = values.Count == 0 ? string.Empty : values[^1].Trim();
        switch (setting.Kind)
        {
            case AdminSettingKind.Secret:
                if (text.Length == 0)
                {
                    return false; // empty keeps the secret that is set
                }

                value = JsonValue.Create(values[^1]);
                return true;
            case AdminSettingKind.Boolean:
                var on = values.Contains("true");
                if ((on ? "true" : "false") == setting.Value)
                {
                    return false;
                }

                value = JsonValue.Create(on);
                return true;
            case AdminSettingKind.List:
                var items = text.Split([',', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                if (string.Join(", ", items) == (setting.Value ?? string.Empty))
                {
                    return false;
                }

                value = new JsonArray([.. items.Select(i => setting.ElementsAreNumbers ? Number(i) : JsonValue.Create(i))]);
                return true;
            default:
                if (text == (setting.Value ?? string.Empty))
                {
                    return false;
                }

                value = text.Length == 0 && setting.Nullable ? null
                    : setting.Kind == AdminSettingKind.Number ? Number(text)
                    : JsonValue.Create(text);
                return true;
        }
    }

    /// <summary>A JSON number when the text is one, else the text (the box's validation then says what it must be).</summary>
    private static JsonNode? Number(string text) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole) ? JsonValue.Create(whole)
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real) ? JsonValue.Create(real)
        : JsonValue.Create(text);

    private static bool TrySet(JsonObject root, string path, JsonNode? value, out string reason)
    {
        reason = string.Empty;
        JsonNode parent = root;
        var steps = Steps(path);
        for (var s = 0; s < steps.Count; s++)
        {
            var (key, index) = steps[s];
            var last = s == steps.Count - 1;
            if (key is not null)
            {
                if (parent is not JsonObject o)
                {
                    reason = "the file has something other than an object here: edit it in the JSON view";
                    return false;
                }

                if (last)
                {
                    o[key] = value;
                    return true;
                }

                if (!o.TryGetPropertyValue(key, out var child) || child is null)
                {
                    child = steps[s + 1].Index is null ? new JsonObject() : null;
                    if (child is null)
                    {
                        reason = $"the file has no list '{key}' here: add it in the JSON view";
                        return false;
                    }

                    o[key] = child;
                }

                parent = child;
            }
            else
            {
                if (parent is not JsonArray a || index >= a.Count || a[index!.Value] is not { } element)
                {
                    reason = "the file has no such list element: edit it in the JSON view";
                    return false;
                }

                if (last)
                {
                    a[index.Value] = value;
                    return true;
                }

                parent = element;
            }
        }

        reason = "not a configuration key";
        return false;
    }

    internal static List<(string? Key, int? Index)> Steps(string path)
    {
        var steps = new List<(string?, int?)>();
        foreach (var part in path.Split('.'))
        {
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            steps.Add((bracket < 0 ? part : part[..bracket], null));
            while (bracket >= 0)
            {
                var close = part.IndexOf(']', bracket);
                steps.Add((null, int.Parse(part.AsSpan(bracket + 1, close - bracket - 1), CultureInfo.InvariantCulture)));
                bracket = part.IndexOf('[', close);
            }
        }

        return steps;
    }
}
