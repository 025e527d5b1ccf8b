using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using FaxBox.Admin.Settings;
using FaxBox.Host.Configuration;
using static FaxBox.Core.Json.JsonDiagnostics;

namespace FaxBox.Host.Admin;

/// <summary>
/// Lists the settings of a configuration document being edited on a settings page (an entry added or removed, a save
/// refused), valid or not: the same keys, kinds and order as <see cref="ConfigurationSettings.List"/>, each value as the
/// document writes it. A key the document leaves out shows the running configuration's value outside list entries (the
/// draft started from the running file) and the option class's default inside one (the loader binds an entry onto a new
/// object); a value of the wrong type is shown as written, for the administrator to correct at its field.
/// </summary>
internal static class DocumentSettings
{
    /// <summary>What an entry of each list of objects is called on the pages; other lists use their last key.</summary>
    private static readonly Dictionary<string, string> Nouns = new(StringComparer.Ordinal)
    {
        ["sip.accounts"] = "SIP account",
        ["ports"] = "port",
        ["faxServer.routing.rules"] = "routing rule",
    };

    /// <summary>The settings of <paramref name="document"/> over <paramref name="current"/>; throws <see cref="JsonException"/> when it is not JSON.</summary>
    public static IReadOnlyList<AdminSetting> List(string document, FaxBoxConfiguration current)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(current);
        var root = ConfigurationSecrets.Parse(document) as JsonObject ?? [];
        var settings = new List<AdminSetting>();
        var walker = new Walker(settings);
        walker.Walk("name", typeof(string), root["name"], current.Name, false);
        walker.Walk("board", typeof(string), root["board"], current.Board, false);
        walker.Walk("engine", typeof(string), root["engine"], current.Engine, false);
        walker.Walk("dataFolder", typeof(string), root["dataFolder"], current.DataFolder, false);
        walker.Walk("logLevel", typeof(Microsoft.Extensions.Logging.LogLevel), root["logLevel"], current.LogLevel, false);
        var sip = root["sip"] as JsonObject;
        walker.Walk("sip.t1", typeof(TimeSpan), sip?["t1"], current.Gateway.SipT1, false);
        walker.Walk("sip.accounts", current.Gateway.Accounts.GetType(), sip?["accounts"], current.Gateway.Accounts, false);
        walker.Walk("media", current.Gateway.Media.GetType(), root["media"], current.Gateway.Media, false);
        walker.Walk("fax", current.Gateway.Fax.GetType(), root["fax"], current.Gateway.Fax, false);
        walker.Walk("dialPlan", current.Gateway.DialPlan.GetType(), root["dialPlan"], current.Gateway.DialPlan, false);
        walker.Walk("ports", current.Gateway.Ports.GetType(), root["ports"], current.Gateway.Ports, false);
        walker.Walk("terminal", current.Gateway.Terminal.GetType(), root["terminal"], current.Gateway.Terminal, false);
        walker.Walk("api", current.Api.GetType(), root["api"], current.Api, false);
        walker.Walk("faxServer", current.FaxServer.GetType(), root["faxServer"], current.FaxServer, false);
        walker.Walk("mqtt", current.Mqtt.GetType(), root["mqtt"], current.Mqtt, false);
        walker.Walk("admin", current.Admin.GetType(), root["admin"], current.Admin, false);
        settings.RemoveAll(s => ConfigurationSettings.Derived.Contains(s.Path));
        return settings;
    }

    /// <summary>
    /// The configuration's lists of objects (<c>sip.accounts</c>, <c>ports</c>, <c>faxServer.routing.rules</c>, and any
    /// list an option class gains later), outside list entries: the settings pages add and remove their entries.
    /// </summary>
    public static IReadOnlyList<AdminSettingList> Lists(FaxBoxConfiguration current)
    {
        ArgumentNullException.ThrowIfNull(current);
        var lists = new List<AdminSettingList>();
        Find("sip.accounts", current.Gateway.Accounts.GetType(), lists);
        foreach (var (path, section) in new (string, object)[]
        {
            ("media", current.Gateway.Media), ("fax", current.Gateway.Fax), ("dialPlan", current.Gateway.DialPlan),
            ("terminal", current.Gateway.Terminal), ("api", current.Api), ("faxServer", current.FaxServer), ("mqtt", current.Mqtt), ("admin", current.Admin),
        })
        {
            Find(path, section.GetType(), lists);
        }

        Find("ports", current.Gateway.Ports.GetType(), lists);
        return lists;
    }

    private static void Find(string path, Type type, List<AdminSettingList> lists)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (IsScalar(type) || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>)))
        {
            return;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>))
        {
            if (!IsScalar(type.GetGenericArguments()[0]))
            {
                var noun = Nouns.TryGetValue(path, out var known) ? known : path[(path.LastIndexOf('.') + 1)..];
                lists.Add(new AdminSettingList(path, noun, "{}"));
            }

            return; // entries' own lists (none today) are edited in the JSON view
        }

        foreach (var (key, property) in ConfigurationReader.Bindable(type))
        {
            Find(Join(path, key), property.PropertyType, lists);
        }
    }

    private static bool IsScalar(Type type) =>
        type == typeof(string) || type == typeof(int) || type == typeof(double) || type == typeof(bool) || type == typeof(long)
        || type == typeof(TimeSpan) || type == typeof(System.Net.IPAddress) || type.IsEnum;

    /// <summary>A JSON value as the form shows it: text as is, numbers and true/false as written, a list joined by ", ".</summary>
    private static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonArray array => string.Join(", ", array.Select(e => Text(e) ?? "null")),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => node.ToJsonString(),
    };

    private sealed class Walker(List<AdminSetting> settings)
    {
        private readonly NullabilityInfoContext _nullability = new();

        /// <summary>
        /// Lists the settings at <paramref name="path"/> of <paramref name="type"/>: values from <paramref name="node"/>
        /// (the document's; null when it leaves the key out), else from <paramref name="fallback"/>.
        /// </summary>
        public void Walk(string path, Type type, JsonNode? node, object? fallback, bool nullable)
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (IsScalar(type))
            {
                Leaf(path, type, node, fallback, nullable);
                return;
            }

            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>))
            {
                var element = type.GetGenericArguments()[0];
                if (IsScalar(element))
                {
                    settings.Add(new AdminSetting
                    {
                        Path = path,
                        Kind = AdminSettingKind.List,
                        Value = node is not null ? Text(node) : fallback is IList list ? string.Join(", ", list.Cast<object>().Select(Format)) : string.Empty,
                        ElementsAreNumbers = element == typeof(int) || element == typeof(double) || element == typeof(long),
                        Nullable = nullable,
                    });
                    return;
                }

                if (node is JsonArray entries)
                {
                    for (var i = 0; i < entries.Count; i++)
                    {
                        // The loader binds each entry onto a new object: what the entry leaves out is the class default.
                        Walk($"{path}[{i}]", element, entries[i] ?? new JsonObject(), Activator.CreateInstance(element), false);
                    }
                }
                else if (node is null && fallback is IList running)
                {
                    for (var i = 0; i < running.Count; i++)
                    {
                        Walk($"{path}[{i}]", element, null, running[i], false);
                    }
                }

                return;
            }

            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>))
            {
                var valueType = type.GetGenericArguments()[1];
                if (node is JsonObject map)
                {
                    foreach (var (key, value) in map)
                    {
                        Walk(Join(path, key), valueType, value, null, false);
                    }
                }
                else if (node is null && fallback is IDictionary running)
                {
                    foreach (DictionaryEntry entry in running)
                    {
                        Walk(Join(path, (string)entry.Key), valueType, null, entry.Value, false);
                    }
                }

                return;
            }

            if (node is not null and not JsonObject)
            {
                return; // not an object where one belongs: the box's validation names the key
            }

            if (node is null && fallback is null)
            {
                return; // an optional section left out (e.g. a port's own fax settings): edited in the JSON view
            }

            var defaults = fallback ?? Activator.CreateInstance(type);
            foreach (var (key, property) in ConfigurationReader.Bindable(type))
            {
                var isNullable = _nullability.Create(property).WriteState == NullabilityState.Nullable;
                Walk(Join(path, key), property.PropertyType, node?[key], defaults is null ? null : property.GetValue(defaults), isNullable);
            }
        }

        private void Leaf(string path, Type type, JsonNode? node, object? fallback, bool nullable)
        {
            if (type == typeof(string) && ConfigurationSettings.IsSecret(path))
            {
                var isSet = node is null ? fallback is string { Length: > 0 } : Text(node) is { Length: > 0 };
                settings.Add(new AdminSetting { Path = path, Kind = AdminSettingKind.Secret, IsSet = isSet, Nullable = nullable });
                return;
            }

            settings.Add(new AdminSetting
            {
                Path = path,
                Kind = ConfigurationSettings.KindOf(type),
                Value = node is not null ? Text(node) : fallback is null ? null : Format(fallback),
                Choices = type.IsEnum ? [.. Enum.GetNames(type).Select(ConfigurationReader.KebabCase)] : [],
                Nullable = nullable,
            });
        }

        private static string Format(object value) => ConfigurationSettings.Format(value);
    }
}
