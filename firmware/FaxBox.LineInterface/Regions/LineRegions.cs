using System.Text.Json;
using FaxBox.Fax.CallerId;

namespace FaxBox.LineInterface.Regions;

/// <summary>
/// The region table: the built-in <c>regions.json</c> (US, UK, DE, FR, IT, NL, AU, JP) or a file of the same shape.
/// Bad data is rejected with <see cref="InvalidDataException"/> naming the source, the region and the key.
/// </summary>
public sealed class LineRegions
{
    private const string ResourceName = "FaxBox.LineInterface.Regions.regions.json";
    private static readonly Lazy<LineRegions> BuiltInTable = new(LoadBuiltIn);
    private static readonly string[] RegionKeys = ["code", "name", "source", "note", "dial", "ringback", "busy", "congestion", "sit", "ring", "callerId", "impedance"];
    private static readonly string[] ToneKeys = ["frequencies", "level", "cadence", "modulation", "sequential"];
    private readonly Dictionary<string, LineRegion> _byCode;

    private LineRegions(List<LineRegion> regions)
    {
        All = regions;
        _byCode = regions.ToDictionary(r => r.Code, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The built-in table.</summary>
    public static LineRegions BuiltIn => BuiltInTable.Value;

    /// <summary>Every region, in file order.</summary>
    public IReadOnlyList<LineRegion> All { get; }

    /// <summary>The region with this code (case-insensitive; "GB" finds "UK"); throws <see cref="ArgumentException"/> listing the known codes.</summary>
    public LineRegion Get(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (_byCode.TryGetValue(code, out var region) || (code.Equals("GB", StringComparison.OrdinalIgnoreCase) && _byCode.TryGetValue("UK", out region)))
        {
            return region;
        }

        throw new ArgumentException($"unknown line region '{code}'; known regions: {string.Join(", ", All.Select(r => r.Code))}");
    }

    /// <summary>Loads a region table from a JSON file (comments allowed).</summary>
    public static LineRegions LoadFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Load(stream, path);
    }

    /// <summary>Loads a region table from JSON; <paramref name="sourceName"/> prefixes error messages.</summary>
    public static LineRegions Load(Stream json, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{sourceName}: not valid JSON: {ex.Message}", ex);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("regions", out var array) || array.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidDataException($"{sourceName}: expected an object with a \"regions\" array");
            }

            var regions = new List<LineRegion>();
            var index = 0;
            foreach (var element in array.EnumerateArray())
            {
                var where = $"{sourceName}: regions[{index}]";
                var region = ParseRegion(element, where);
                if (regions.Any(r => r.Code.Equals(region.Code, StringComparison.OrdinalIgnoreCase)))
                {
                    throw new InvalidDataException($"{where}: region code '{region.Code}' appears twice");
                }

                regions.Add(region);
                index++;
            }

            if (regions.Count == 0)
            {
                throw new InvalidDataException($"{sourceName}: \"regions\" is empty");
            }

            return new LineRegions(regions);
        }
    }

    private static LineRegions LoadBuiltIn()
    {
        using var stream = typeof(LineRegions).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing from the build");
        return Load(stream, "regions.json (built in)");
    }

    private static LineRegion ParseRegion(JsonElement element, string where)
    {
        RequireObject(element, where, RegionKeys);
        var code = String(element, "code", where);
        where = $"{where} '{code}'";
        return new LineRegion
        {
            Code = code,
            Name = String(element, "name", where),
            Source = element.TryGetProperty("source", out var source) ? source.GetString() ?? string.Empty : string.Empty,
            Dial = Tone(element, "dial", where),
            Ringback = Tone(element, "ringback", where),
            Busy = Tone(element, "busy", where),
            Congestion = Tone(element, "congestion", where),
            Sit = element.TryGetProperty("sit", out _) ? Tone(element, "sit", where) : LineRegion.ItuSit,
            Ring = Ring(element, where),
            CallerId = CallerId(element, where),
            Impedance = String(element, "impedance", where),
        };
    }

    private static ToneSpec Tone(JsonElement region, string key, string where)
    {
        var element = Property(region, key, where);
        where = $"{where}: {key}";
        RequireObject(element, where, ToneKeys);
        var frequencies = Numbers(Property(element, "frequencies", where), $"{where}.frequencies");
        var sequential = element.TryGetProperty("sequential", out var s) && Boolean(s, $"{where}.sequential");
        if (!sequential && (frequencies.Count is < 1 or > 2 || frequencies.Any(f => f is < 100 or > 3400)))
        {
            throw new InvalidDataException($"{where}.frequencies: expected one or two frequencies between 100 and 3400 Hz");
        }

        if (sequential && (frequencies.Count is < 2 or > 4 || frequencies.Any(f => f is < 100 or > 3400)))
        {
            throw new InvalidDataException($"{where}.frequencies: a sequential tone has two to four frequencies between 100 and 3400 Hz");
        }

        var level = Number(Property(element, "level", where), $"{where}.level");
        if (level is > 0 or < -40)
        {
            throw new InvalidDataException($"{where}.level: {level} dBm0 is outside -40..0 dBm0");
        }

        double? modulation = element.TryGetProperty("modulation", out var m) ? Number(m, $"{where}.modulation") : null;
        var cadence = CadenceOf(element, where);
        if (sequential && (cadence.IsContinuous || cadence.OnSegmentCount != frequencies.Count))
        {
            throw new InvalidDataException($"{where}.cadence: a sequential tone needs one on duration per frequency ({frequencies.Count}), found {(cadence.IsContinuous ? 0 : cadence.OnSegmentCount)}");
        }

        return new ToneSpec(frequencies, level, cadence, modulation, sequential);
    }

    private static RingSpec Ring(JsonElement region, string where)
    {
        var element = Property(region, "ring", where);
        where = $"{where}: ring";
        RequireObject(element, where, ["frequency", "cadence"]);
        var frequency = Number(Property(element, "frequency", where), $"{where}.frequency");
        if (frequency is < 15 or > 70)
        {
            throw new InvalidDataException($"{where}.frequency: {frequency} Hz is outside 15..70 Hz");
        }

        var cadence = CadenceOf(element, where);
        if (cadence.IsContinuous)
        {
            throw new InvalidDataException($"{where}.cadence: ringing needs an on/off cadence");
        }

        return new RingSpec(frequency, cadence);
    }

    private static CallerIdSpec CallerId(JsonElement region, string where)
    {
        var element = Property(region, "callerId", where);
        where = $"{where}: callerId";
        RequireObject(element, where, ["standard", "alerting"]);
        return new CallerIdSpec(Enum<CallerIdStandard>(element, "standard", where), Enum<CallerIdAlerting>(element, "alerting", where));
    }

    private static Cadence CadenceOf(JsonElement element, string where)
    {
        var values = Numbers(Property(element, "cadence", where), $"{where}.cadence");
        try
        {
            return values.Count == 0 ? Cadence.Continuous : new Cadence([.. values.Select(v => (int)v)]);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException($"{where}.cadence: {ex.Message}", ex);
        }
    }

    private static T Enum<T>(JsonElement element, string key, string where)
        where T : struct, Enum
    {
        var text = String(element, key, where);
        return System.Enum.TryParse<T>(text, ignoreCase: true, out var value) && System.Enum.IsDefined(value)
            ? value
            : throw new InvalidDataException($"{where}.{key}: '{text}' is not one of {string.Join(", ", System.Enum.GetNames<T>())}");
    }

    private static void RequireObject(JsonElement element, string where, string[] allowed)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{where}: expected an object, found {element.ValueKind}");
        }

        foreach (var property in element.EnumerateObject())
        {
            if (!allowed.Contains(property.Name, StringComparer.Ordinal))
            {
                throw new InvalidDataException($"{where}: unknown key \"{property.Name}\" (allowed: {string.Join(", ", allowed)})");
            }
        }
    }

    private static JsonElement Property(JsonElement element, string key, string where) =>
        element.TryGetProperty(key, out var value) ? value : throw new InvalidDataException($"{where}: missing key \"{key}\"");

    private static string String(JsonElement element, string key, string where)
    {
        var value = Property(element, key, where);
        return value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()!
            : throw new InvalidDataException($"{where}.{key}: expected a non-empty string");
    }

    private static bool Boolean(JsonElement value, string where) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new InvalidDataException($"{where}: expected true or false, found {value.ValueKind}"),
    };

    private static double Number(JsonElement value, string where) =>
        value.ValueKind == JsonValueKind.Number ? value.GetDouble() : throw new InvalidDataException($"{where}: expected a number, found {value.ValueKind}");

    private static List<double> Numbers(JsonElement value, string where)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"{where}: expected an array of numbers, found {value.ValueKind}");
        }

        var list = new List<double>();
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            list.Add(Number(item, $"{where}[{i++}]"));
        }

        return list;
    }
}
