using System.Collections;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text.Json;
using FaxBox.CallControl.Configuration;
using FaxBox.FaxServer;
using FaxBox.Admin;
using FaxBox.Host.Api;
using FaxBox.LineInterface.Hardware.Boards;
using FaxBox.Mqtt.Configuration;
using Microsoft.Extensions.Logging;
using static FaxBox.Core.Json.JsonDiagnostics;

namespace FaxBox.Host.Configuration;

/// <summary>
/// Walks one configuration document, binding what is valid and collecting an error (file, JSON path, reason) for every
/// key that is not, so that one run lists everything wrong with the file. The root and <c>sip</c> are read by hand;
/// the option classes under them (<see cref="SipAccountSettings"/>, <see cref="MediaOptions"/>, <see cref="FaxOptions"/>,
/// <see cref="DialPlanOptions"/>, <see cref="PortSettings"/>) bind by their public settable properties, camelCase, so a
/// new option appears in the file without a change here. When the document has no binding errors,
/// <see cref="GatewayOptions.Validate"/> checks ranges and cross references.
/// </summary>
internal sealed class ConfigurationReader
{
    /// <summary>Keys of the root object, in the order they are read.</summary>
    internal static readonly string[] RootKeys = ["name", "board", "engine", "dataFolder", "logLevel", "sip", "media", "fax", "dialPlan", "ports", "terminal", "api", "faxServer", "mqtt", "admin"];

    internal static readonly string[] SipKeys = ["accounts", "t1"];

    /// <summary>The data folder when the file names none.</summary>
    internal const string DefaultDataFolder = "~/.local/share/faxbox";

    private static readonly Dictionary<Type, Dictionary<string, PropertyInfo>> PropertyCache = [];
    private static readonly Lock PropertyCacheLock = new();

    private readonly string _file;
    private readonly string _baseDirectory;
    private readonly List<ConfigurationError> _errors = [];
    private readonly NullabilityInfoContext _nullability = new(); // not thread-safe: one per reader

    public ConfigurationReader(string file, string baseDirectory)
    {
        _file = file;
        _baseDirectory = baseDirectory;
    }

    public IReadOnlyList<ConfigurationError> Errors => _errors;

    public FaxBoxConfiguration? Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            Error("$", $"a configuration file is a JSON object, found {Describe(root)}");
            return null;
        }

        CheckKeys(root, "", RootKeys);
        var gateway = new GatewayOptions();

        // The running box keeps its fax terminal calls off the media thread (a page end is heavy work in the engine);
        // "terminal": { "ownThread": false } puts them back on the media tick.
        gateway.Terminal.OwnThread = true;
        if (Optional(root, "name", typeof(string), false, "name", out var name))
        {
            gateway.Name = (string)name!;
        }

        var board = Optional(root, "board", typeof(string), false, "board", out var boardValue) ? (string)boardValue! : FaxBoxConfiguration.SimulatorBoard;
        var engine = Optional(root, "engine", typeof(string), false, "engine", out var engineValue) ? (string)engineValue! : "native";
        if (root.TryGetProperty("engine", out _) && !FaxBoxConfiguration.Engines.Contains(engine))
        {
            Error("engine", $"'{engine}' is not one of {string.Join(", ", FaxBoxConfiguration.Engines)}");
        }

        var dataFolder = Optional(root, "dataFolder", typeof(string), false, "dataFolder", out var dataValue) ? (string)dataValue! : DefaultDataFolder;
        if (string.IsNullOrWhiteSpace(dataFolder))
        {
            Error("dataFolder", "must not be empty");
        }

        var logLevel = Optional(root, "logLevel", typeof(LogLevel), false, "logLevel", out var levelValue) ? (LogLevel)levelValue! : LogLevel.Information;

        if (root.TryGetProperty("sip", out var sip))
        {
            ReadSip(sip, gateway);
        }
        else
        {
            Error("sip", "missing: at least one SIP account is required (sip.accounts)");
        }

        BindSection(root, "media", gateway.Media);
        BindSection(root, "fax", gateway.Fax);
        BindSection(root, "dialPlan", gateway.DialPlan);
        BindSection(root, "terminal", gateway.Terminal);
        var api = new LocalApiOptions();
        BindSection(root, "api", api);
        var faxServer = new FaxServerOptions();
        BindSection(root, "faxServer", faxServer);
        var admin = new AdminOptions();
        BindSection(root, "admin", admin);
        if (root.TryGetProperty("ports", out var ports))
        {
            _ = Read(ports, typeof(List<PortSettings>), false, "ports", out var portList, gateway);
            gateway.Ports = portList as List<PortSettings> ?? [];
        }

        var mqtt = ReadMqtt(root);
        var profile = LoadBoard(board, out var boardPath);
        if (profile is not null)
        {
            CheckPortsOnBoard(gateway, profile, root);
        }

        if (_errors.Count == 0)
        {
            try
            {
                gateway.Validate(index => profile?.FindPort(index) is not null);
            }
            catch (GatewayConfigurationException e)
            {
                Error(e.Key.TrimStart('.'), e.Reason);
            }

            foreach (var (section, validate) in new (string, Action)[] { ("faxServer", faxServer.Validate), ("admin", admin.Validate), ("api", api.Validate) })
            {
                try
                {
                    validate();
                }
                catch (Exception e) when (e is ArgumentException or FaxBox.FaxServer.Routing.InboundRoutingException)
                {
                    // "SECTION.KEY: reason"
                    var parts = e.Message.Split(": ", 2);
                    if (parts.Length == 2 && parts[0].StartsWith(section, StringComparison.Ordinal))
                    {
                        Error(parts[0], parts[1]);
                    }
                    else
                    {
                        Error(section, e.Message);
                    }
                }
            }
        }

        if (_errors.Count > 0 || profile is null)
        {
            return null;
        }

        // What Appliance and FaxServerService derive at start (station identities from the terminal's, folders from the
        // data folder), set here too, so that the configuration in force and a freshly loaded one compare equal
        // (ConfigurationDiff, the admin site).
        var resolvedDataFolder = ResolveFolder(dataFolder);
        if (_errors.Count > 0)
        {
            return null;
        }

        faxServer.Documents.WorkFolder ??= Path.Combine(resolvedDataFolder, "tmp");
        faxServer.Inbox.DataDirectory = resolvedDataFolder;
        faxServer.Inbox.LocalIdent = gateway.Terminal.LocalIdent;
        if (faxServer.Outbox.LocalIdent.Length == 0)
        {
            faxServer.Outbox.LocalIdent = gateway.Terminal.LocalIdent;
        }

        return new FaxBoxConfiguration
        {
            Name = gateway.Name,
            Board = board,
            BoardPath = boardPath,
            BoardProfile = profile,
            Engine = engine,
            DataFolder = resolvedDataFolder,
            LogLevel = logLevel,
            Gateway = gateway,
            Api = api,
            FaxServer = faxServer,
            Mqtt = mqtt,
            Admin = admin,
            Source = _file,
        };
    }

    private void ReadSip(JsonElement sip, GatewayOptions gateway)
    {
        if (sip.ValueKind != JsonValueKind.Object)
        {
            Error("sip", $"must be an object like {{ \"accounts\": [ … ] }}, found {Describe(sip)}");
            return;
        }

        CheckKeys(sip, "sip", SipKeys);
        if (!sip.TryGetProperty("accounts", out _))
        {
            Error("sip.accounts", "missing: at least one SIP account is required");
        }
        else if (Optional(sip, "accounts", typeof(List<SipAccountSettings>), false, "sip.accounts", out var accounts))
        {
            gateway.Accounts = (List<SipAccountSettings>)accounts!;
        }

        if (Optional(sip, "t1", typeof(TimeSpan), false, "sip.t1", out var t1))
        {
            gateway.SipT1 = (TimeSpan)t1!;
            if (gateway.SipT1 < TimeSpan.FromMilliseconds(100) || gateway.SipT1 > TimeSpan.FromSeconds(10))
            {
                Error("sip.t1", "must be 100 ms to 10 s (RFC 3261 recommends 500 ms)");
            }
        }
    }

    /// <summary>The <c>mqtt</c> section: bound by property, <c>caFile</c> relative to this file, then <see cref="MqttOptions.Validate"/>.</summary>
    private MqttOptions ReadMqtt(JsonElement root)
    {
        var mqtt = new MqttOptions();
        var before = _errors.Count;
        BindSection(root, "mqtt", mqtt);
        if (mqtt.CaFile is { Length: > 0 } caFile)
        {
            mqtt.CaFile = Path.GetFullPath(caFile, _baseDirectory);
        }

        if (_errors.Count == before)
        {
            try
            {
                mqtt.Validate();
            }
            catch (MqttConfigurationException e)
            {
                Error(e.Key, e.Reason);
            }
        }

        return mqtt;
    }

    private void BindSection(JsonElement root, string key, object target)
    {
        if (root.TryGetProperty(key, out var element))
        {
            BindObject(element, target, key, null);
        }
    }

    private BoardProfile? LoadBoard(string board, out string? path)
    {
        path = null;
        if (board == FaxBoxConfiguration.SimulatorBoard)
        {
            return BoardProfileLoader.LoadEmbeddedSimulator();
        }

        path = Path.GetFullPath(board, _baseDirectory);
        if (!File.Exists(path))
        {
            Error("board", $"board file '{board}' not found (full path {path}); name a board-config file or \"simulator\"");
            return null;
        }

        var loaded = BoardProfileLoader.Load(path);
        foreach (var error in loaded.Errors)
        {
            _errors.Add(new ConfigurationError(error.File, error.Key, error.Reason));
        }

        return loaded.Profile;
    }

    private void CheckPortsOnBoard(GatewayOptions gateway, BoardProfile profile, JsonElement root)
    {
        if (!root.TryGetProperty("ports", out var portsElement) || portsElement.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        var available = string.Join(", ", profile.Ports.Select(p => $"{p.Index} ({p.Type.ToString().ToUpperInvariant()})"));
        for (var i = 0; i < gateway.Ports.Count; i++)
        {
            var port = gateway.Ports[i];
            if (port.Port < 0)
            {
                continue; // missing: GatewayOptions.Validate reports it
            }

            if (profile.FindPort(port.Port) is not { } boardPort)
            {
                Error($"ports[{i}].port", $"the board '{profile.Name}' has no port {port.Port} (its ports: {available})");
            }
            else if (boardPort.Type == BoardPortType.Fxs && port.InboundDestination is not null)
            {
                Error($"ports[{i}].inboundDestination", $"port {port.Port} is FXS: only an FXO port takes PSTN calls to pass on");
            }
        }
    }

    private string ResolveFolder(string folder)
    {
        if (folder == "~" || folder.StartsWith("~/", StringComparison.Ordinal))
        {
            // DoNotVerify: a home that does not exist yet (a new service user) is still the home, not "" (which would
            // put the data folder under the working directory).
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile, Environment.SpecialFolderOption.DoNotVerify);
            if (home.Length == 0)
            {
                Error("dataFolder", $"'{folder}' needs the user's home folder, and this user has none (HOME is not set); give an absolute path");
                return Path.GetFullPath(folder[1..].TrimStart('/'), _baseDirectory);
            }

            return Path.GetFullPath(Path.Combine(home, folder.Length > 2 ? folder[2..] : string.Empty));
        }

        return Path.GetFullPath(folder, _baseDirectory);
    }

    private bool Optional(JsonElement element, string key, Type type, bool nullable, string path, out object? value)
    {
        value = null;
        return element.TryGetProperty(key, out var property) && Read(property, type, nullable, path, out value, null);
    }

    /// <summary>Reads one value of <paramref name="type"/>; on a wrong value records the error and returns false.</summary>
    private bool Read(JsonElement v, Type type, bool nullable, string path, out object? value, GatewayOptions? context)
    {
        value = null;
        if (v.ValueKind == JsonValueKind.Null)
        {
            if (nullable)
            {
                return true;
            }

            Error(path, "must not be null");
            return false;
        }

        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            if (v.ValueKind != JsonValueKind.String)
            {
                return Wrong(path, "a string", v);
            }

            value = v.GetString()!;
            return true;
        }

        if (type == typeof(int))
        {
            if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var number))
            {
                return Wrong(path, "a whole number", v);
            }

            value = number;
            return true;
        }

        if (type == typeof(long))
        {
            if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt64(out var number))
            {
                return Wrong(path, "a whole number", v);
            }

            value = number;
            return true;
        }

        if (type == typeof(double))
        {
            if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out var real) || !double.IsFinite(real))
            {
                return Wrong(path, "a number", v);
            }

            value = real;
            return true;
        }

        if (type == typeof(bool))
        {
            if (v.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return Wrong(path, "true or false", v);
            }

            value = v.GetBoolean();
            return true;
        }

        if (type == typeof(TimeSpan))
        {
            var duration = TimeSpan.Zero;
            var ok = v.ValueKind switch
            {
                JsonValueKind.String => DurationText.TryParse(v.GetString()!, out duration),
                JsonValueKind.Number => DurationText.TryFromSeconds(v.GetDouble(), out duration),
                _ => false,
            };
            if (!ok)
            {
                return Wrong(path, $"{DurationText.Expected} (0 to 24h)", v);
            }

            value = duration;
            return true;
        }

        if (type == typeof(IPAddress))
        {
            if (v.ValueKind != JsonValueKind.String || !TryParseAddress(v.GetString()!, out var address))
            {
                return Wrong(path, "an IP address like \"192.0.2.10\", \"0.0.0.0\" or \"::1\"", v);
            }

            value = address;
            return true;
        }

        if (type.IsEnum)
        {
            return ReadEnum(v, type, path, out value);
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>))
        {
            return ReadList(v, type, path, out value, context);
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>) && type.GetGenericArguments()[0] == typeof(string))
        {
            return ReadDictionary(v, type, path, out value, context);
        }

        if (type.IsClass && type.GetConstructor(Type.EmptyTypes) is not null)
        {
            value = Seed(type, context) ?? Activator.CreateInstance(type)!;
            return BindObject(v, value, path, context);
        }

        throw new InvalidOperationException($"{path}: the configuration reader cannot bind {type.Name}");
    }

    /// <summary>A port's <c>fax</c> and <c>dialPlan</c> start from the gateway-wide sections, so a port names only what differs.</summary>
    private static object? Seed(Type type, GatewayOptions? context) =>
        context is null ? null
        : type == typeof(FaxOptions) ? context.Fax.Clone()
        : type == typeof(DialPlanOptions) ? context.DialPlan.Clone()
        : null;

    private bool ReadList(JsonElement v, Type type, string path, out object? value, GatewayOptions? context)
    {
        value = null;
        if (v.ValueKind != JsonValueKind.Array)
        {
            return Wrong(path, "an array", v);
        }

        var elementType = type.GetGenericArguments()[0];
        var list = (IList)Activator.CreateInstance(type)!;
        var ok = true;
        var i = 0;
        foreach (var item in v.EnumerateArray())
        {
            // An object with a wrong value inside is kept (partly bound) so that later checks can still see its other keys.
            ok &= Read(item, elementType, false, $"{path}[{i}]", out var element, context);
            if (element is not null)
            {
                list.Add(element);
            }

            i++;
        }

        value = list;
        return ok;
    }

    /// <summary>An object whose keys are names (folders, accounts) and whose values all have one type.</summary>
    private bool ReadDictionary(JsonElement v, Type type, string path, out object? value, GatewayOptions? context)
    {
        value = null;
        if (v.ValueKind != JsonValueKind.Object)
        {
            return Wrong(path, "an object", v);
        }

        var valueType = type.GetGenericArguments()[1];
        var map = (IDictionary)Activator.CreateInstance(type)!;
        var ok = true;
        foreach (var member in v.EnumerateObject())
        {
            if (Read(member.Value, valueType, false, Join(path, member.Name), out var item, context) && item is not null)
            {
                map[member.Name] = item;
            }
            else
            {
                ok = false;
            }
        }

        value = map;
        return ok;
    }

    private bool ReadEnum(JsonElement v, Type type, string path, out object? value)
    {
        value = null;
        var names = Enum.GetNames(type);
        var allowed = string.Join(", ", names.Select(KebabCase));
        if (v.ValueKind != JsonValueKind.String)
        {
            return Wrong(path, $"one of {allowed}", v);
        }

        var text = v.GetString()!;
        foreach (var name in names)
        {
            if (KebabCase(name) == text)
            {
                value = Enum.Parse(type, name);
                return true;
            }
        }

        var near = names.FirstOrDefault(n => string.Equals(n.Replace("-", string.Empty, StringComparison.Ordinal), text.Replace("-", string.Empty, StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase));
        Error(path, near is null
            ? $"'{text}' is not one of {allowed}"
            : $"'{text}' is not one of {allowed} (values are lower-case with dashes: '{KebabCase(near)}')");
        return false;
    }

    private bool BindObject(JsonElement element, object target, string path, GatewayOptions? context)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return Wrong(path, "an object", element);
        }

        var properties = Bindable(target.GetType());
        var before = _errors.Count;
        CheckKeys(element, path, [.. properties.Keys]);
        foreach (var member in element.EnumerateObject())
        {
            if (!properties.TryGetValue(member.Name, out var property))
            {
                continue;
            }

            var nullable = _nullability.Create(property).WriteState == NullabilityState.Nullable;
            if (Read(member.Value, property.PropertyType, nullable, Join(path, member.Name), out var value, context))
            {
                property.SetValue(target, value);
            }
        }

        return _errors.Count == before;
    }

    /// <summary>The properties a section binds, by their camelCase key (also how the admin site lists the settings).</summary>
    internal static Dictionary<string, PropertyInfo> Bindable(Type type)
    {
        lock (PropertyCacheLock)
        {
            if (!PropertyCache.TryGetValue(type, out var properties))
            {
                properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                    .Where(p => p.CanRead && p.SetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0)
                    .ToDictionary(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name), StringComparer.Ordinal);
                PropertyCache[type] = properties;
            }

            return properties;
        }
    }

    /// <summary>The kebab-case name of an enum value: <c>OnCedOrPreamble</c> → <c>on-ced-or-preamble</c>.</summary>
    internal static string KebabCase(string name) => JsonNamingPolicy.KebabCaseLower.ConvertName(name);

    /// <summary>Dotted-quad IPv4 (all four parts) or IPv6; not the shorthand forms <see cref="IPAddress.TryParse(string, out IPAddress)"/> also takes ("10" = 0.0.0.10).</summary>
    internal static bool TryParseAddress(string text, out IPAddress address)
    {
        address = IPAddress.None;
        if (text.Contains(':', StringComparison.Ordinal))
        {
            if (IPAddress.TryParse(text, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6)
            {
                address = v6;
                return true;
            }

            return false;
        }

        var parts = text.Split('.');
        if (parts.Length != 4 || !parts.All(p => p.Length is > 0 and <= 3 && p.All(char.IsAsciiDigit) && int.Parse(p, CultureInfo.InvariantCulture) <= 255))
        {
            return false;
        }

        address = IPAddress.Parse(text);
        return true;
    }

    private void CheckKeys(JsonElement element, string path, string[] known)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                Error(Join(path, property.Name), "appears twice in the same object");
            }

            if (Array.IndexOf(known, property.Name) >= 0)
            {
                continue;
            }

            var suggestion = Suggest(property.Name, known);
            Error(Join(path, property.Name), suggestion is null
                ? $"unknown key (known here: {string.Join(", ", known)})"
                : $"unknown key; did you mean '{suggestion}'?");
        }
    }

    private static string? Suggest(string key, string[] known)
    {
        var caseOnly = known.FirstOrDefault(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase));
        return caseOnly ?? Closest(key, known);
    }

    private bool Wrong(string path, string expected, JsonElement found)
    {
        Error(path, $"must be {expected}, found {Describe(found)}");
        return false;
    }

    private void Error(string key, string reason) => _errors.Add(new ConfigurationError(_file, key, reason));
}
