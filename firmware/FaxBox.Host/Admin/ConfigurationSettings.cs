using System.Collections;
using System.Globalization;
using System.Net;
using System.Reflection;
using FaxBox.Admin.Settings;
using FaxBox.Host.Configuration;
using static FaxBox.Core.Json.JsonDiagnostics;

namespace FaxBox.Host.Admin;

/// <summary>
/// Lists every setting of a configuration with its effective value, walking the option classes the way
/// <see cref="ConfigurationReader"/> binds them (public settable properties, camelCase keys, kebab-case enums,
/// durations as <c>"5s"</c>), so a new option appears on the settings pages without a change here.
/// </summary>
internal static class ConfigurationSettings
{
    /// <summary>Keys whose values are secrets: never shown, never logged (matched case-insensitively anywhere in the key).</summary>
    internal static readonly string[] SecretWords = ["password", "secret", "token", "apikey"];

    /// <summary>Keys the box derives from others (the data folder, the terminal's identity): not settings of their own.</summary>
    internal static readonly string[] Derived = ["faxServer.inbox.dataDirectory", "faxServer.inbox.localIdent"];

    public static IReadOnlyList<AdminSetting> List(FaxBoxConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = new List<AdminSetting>();
        var walker = new Walker(settings);
        walker.Leaf("name", typeof(string), configuration.Name, false);
        walker.Leaf("board", typeof(string), configuration.Board, false);
        walker.Leaf("engine", typeof(string), configuration.Engine, false);
        walker.Leaf("dataFolder", typeof(string), configuration.DataFolder, false);
        walker.Leaf("logLevel", typeof(Microsoft.Extensions.Logging.LogLevel), configuration.LogLevel, false);
        walker.Leaf("sip.t1", typeof(TimeSpan), configuration.Gateway.SipT1, false);
        walker.Walk("sip.accounts", configuration.Gateway.Accounts.GetType(), configuration.Gateway.Accounts, false);
        walker.Walk("media", configuration.Gateway.Media.GetType(), configuration.Gateway.Media, false);
        walker.Walk("fax", configuration.Gateway.Fax.GetType(), configuration.Gateway.Fax, false);
        walker.Walk("dialPlan", configuration.Gateway.DialPlan.GetType(), configuration.Gateway.DialPlan, false);
        walker.Walk("ports", configuration.Gateway.Ports.GetType(), configuration.Gateway.Ports, false);
        walker.Walk("terminal", configuration.Gateway.Terminal.GetType(), configuration.Gateway.Terminal, false);
        walker.Walk("api", configuration.Api.GetType(), configuration.Api, false);
        walker.Walk("faxServer", configuration.FaxServer.GetType(), configuration.FaxServer, false);
        walker.Walk("mqtt", configuration.Mqtt.GetType(), configuration.Mqtt, false);
        walker.Walk("admin", configuration.Admin.GetType(), configuration.Admin, false);
        settings.RemoveAll(s => Derived.Contains(s.Path));
        return settings;
    }

    /// <summary>Whether the last key of <paramref name="path"/> names a secret.</summary>
    public static bool IsSecret(string path)
    {
        var key = path[(path.LastIndexOf('.') + 1)..];
        return SecretWords.Any(w => key.Contains(w, StringComparison.OrdinalIgnoreCase));
    }

    private static bool IsScalar(Type type) =>
        type == typeof(string) || type == typeof(int) || type == typeof(double) || type == typeof(bool) || type == typeof(long)
        || type == typeof(TimeSpan) || type == typeof(IPAddress) || type.IsEnum;

    /// <summary>How the settings form shows a value of <paramref name="type"/> (not a secret).</summary>
    internal static AdminSettingKind KindOf(Type type) =>
        type == typeof(bool) ? AdminSettingKind.Boolean
        : type == typeof(TimeSpan) ? AdminSettingKind.Duration
        : type.IsEnum ? AdminSettingKind.Choice
        : type == typeof(int) || type == typeof(double) || type == typeof(long) ? AdminSettingKind.Number
        : AdminSettingKind.Text;

    /// <summary>A value as the configuration file writes it (<c>"5s"</c>, <c>"on-cng"</c>).</summary>
    internal static string Format(object value) => value switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        TimeSpan t => DurationText.Format(t),
        IPAddress a => a.ToString(),
        Enum e => ConfigurationReader.KebabCase(e.ToString()),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private sealed class Walker(List<AdminSetting> settings)
    {
        private readonly NullabilityInfoContext _nullability = new();

        public void Walk(string path, Type type, object? value, bool nullable)
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (IsScalar(type))
            {
                Leaf(path, type, value, nullable);
                return;
            }

            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>))
            {
                var element = type.GetGenericArguments()[0];
                if (IsScalar(element))
                {
                    var items = value is IList list ? list.Cast<object>().Select(Format) : [];
                    settings.Add(new AdminSetting
                    {
                        Path = path,
                        Kind = AdminSettingKind.List,
                        Value = string.Join(", ", items),
                        ElementsAreNumbers = element == typeof(int) || element == typeof(double) || element == typeof(long),
                        Nullable = nullable,
                    });
                    return;
                }

                if (value is IList objects)
                {
                    for (var i = 0; i < objects.Count; i++)
                    {
                        Walk($"{path}[{i}]", element, objects[i], false);
                    }
                }

                return;
            }

            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>))
            {
                if (value is IDictionary map)
                {
                    foreach (DictionaryEntry entry in map)
                    {
                        Walk(Join(path, (string)entry.Key), type.GetGenericArguments()[1], entry.Value, false);
                    }
                }

                return;
            }

            if (value is null)
            {
                return; // an optional section left out (e.g. a port's own fax settings): edited in the JSON view
            }

            foreach (var (key, property) in ConfigurationReader.Bindable(type))
            {
                var isNullable = _nullability.Create(property).WriteState == NullabilityState.Nullable;
                Walk(Join(path, key), property.PropertyType, property.GetValue(value), isNullable);
            }
        }

        public void Leaf(string path, Type type, object? value, bool nullable)
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (type == typeof(string) && IsSecret(path))
            {
                settings.Add(new AdminSetting { Path = path, Kind = AdminSettingKind.Secret, IsSet = value is string { Length: > 0 }, Nullable = nullable });
                return;
            }

            settings.Add(new AdminSetting
            {
                Path = path,
                Kind = KindOf(type),
                Value = value is null ? null : Format(value),
                Choices = type.IsEnum ? [.. Enum.GetNames(type).Select(ConfigurationReader.KebabCase)] : [],
                Nullable = nullable,
            });
        }
    }
}
