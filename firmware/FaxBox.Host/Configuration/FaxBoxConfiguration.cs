using System.Text;
using System.Text.Json;
using FaxBox.CallControl.Configuration;
using FaxBox.FaxServer;
using FaxBox.Admin;
using FaxBox.Host.Api;
using FaxBox.LineInterface.Hardware.Boards;
using FaxBox.Mqtt.Configuration;
using Microsoft.Extensions.Logging;

namespace FaxBox.Host.Configuration;

/// <summary>
/// The appliance's configuration: one JSON file (<c>/etc/faxbox/faxbox.json</c> under systemd), bound and validated by
/// <see cref="Load(string)"/>. JSON with comments and trailing commas; keys camelCase; enums kebab-case
/// (<c>"on-ced-or-preamble"</c>); durations <c>"5s"</c>, <c>"150ms"</c>, <c>"2m"</c> or a number of seconds; IP addresses
/// as strings. Unknown keys are errors, and every error names the file, the key and the reason. The gateway part binds
/// to <see cref="GatewayOptions"/>. Treat an instance as read-only: a changed file gives a new instance
/// (<see cref="Hosting.ConfigurationWatcher"/>).
/// </summary>
public sealed class FaxBoxConfiguration
{
    /// <summary>The <see cref="Source"/> of <see cref="LoadEmbeddedDefault"/>.</summary>
    public const string EmbeddedDefaultSource = "embedded:default.faxbox.json";

    /// <summary>The value of <c>board</c> that selects the built-in simulator board.</summary>
    public const string SimulatorBoard = "simulator";

    /// <summary>Configuration files larger than this are refused before parsing.</summary>
    public const int MaxFileBytes = 1024 * 1024;

    /// <summary>The engines <c>engine</c> accepts.</summary>
    public static readonly IReadOnlyList<string> Engines = ["native"];

    internal const string EmbeddedResourceName = "FaxBox.Host.Configuration.default.faxbox.json";

    internal static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 32,
    };

    /// <summary>The box's name in status and logs (JSON <c>name</c>; the same as <see cref="GatewayOptions.Name"/>). Default "faxbox".</summary>
    public required string Name { get; init; }

    /// <summary>The board as written (JSON <c>board</c>): a board-config file path (relative to the configuration file) or "simulator". Default "simulator".</summary>
    public required string Board { get; init; }

    /// <summary>The board file's full path, or null for the built-in simulator board.</summary>
    public string? BoardPath { get; init; }

    /// <summary>The loaded and validated board.</summary>
    public required BoardProfile BoardProfile { get; init; }

    /// <summary>The fax engine (JSON <c>engine</c>): "native" (libspandsp). Default "native".</summary>
    public required string Engine { get; init; }

    /// <summary>
    /// The data folder's full path (JSON <c>dataFolder</c>; <c>~/</c> is the user's home, relative paths are relative to
    /// the configuration file). Default <c>~/.local/share/faxbox</c>; <c>/var/lib/faxbox</c> under systemd.
    /// </summary>
    public required string DataFolder { get; init; }

    /// <summary>The log level (JSON <c>logLevel</c>: trace, debug, information, warning, error, critical, none). Default information.</summary>
    public required LogLevel LogLevel { get; init; }

    /// <summary>The gateway: JSON <c>sip</c> (<c>accounts</c>, <c>t1</c>), <c>media</c>, <c>fax</c>, <c>dialPlan</c>, <c>ports</c>.</summary>
    public required GatewayOptions Gateway { get; init; }

    /// <summary>The local API (JSON <c>api</c>): its Unix socket and upload limit.</summary>
    public LocalApiOptions Api { get; init; } = new();

    /// <summary>The fax server (JSON <c>faxServer</c>): documents, outbox, retry ladder, inbox, routing, e-mail, webhook.</summary>
    public FaxServerOptions FaxServer { get; init; } = new();

    /// <summary>Status over MQTT (JSON <c>mqtt</c>); default: the embedded broker on 127.0.0.1:1883.</summary>
    public MqttOptions Mqtt { get; init; } = new();

    /// <summary>The admin web site (JSON <c>admin</c>); default on http://127.0.0.1:8080.</summary>
    public AdminOptions Admin { get; init; } = new();

    /// <summary>Where the configuration came from: the path as given, or <see cref="EmbeddedDefaultSource"/>.</summary>
    public required string Source { get; init; }

    /// <summary>Loads and validates a configuration file. Never throws for bad input: a missing, unreadable or invalid file gives errors.</summary>
    public static ConfigurationLoadResult Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Core.Json.JsonFiles.TryRead(path, MaxFileBytes, "configuration file", out var reason) is not { } json)
        {
            return Failure(path, "(file)", reason);
        }

        return Parse(json, path);
    }

    /// <summary>
    /// Validates configuration JSON text; <paramref name="source"/> names it in errors and, unless it starts with
    /// <c>embedded:</c>, is the path relative board and data paths are resolved against.
    /// </summary>
    public static ConfigurationLoadResult Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentException.ThrowIfNullOrEmpty(source);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            return Failure(source, SyntaxErrorPlace(json, e), "not valid JSON: " + FirstSentence(e.Message));
        }

        using (document)
        {
            var baseDirectory = source.StartsWith("embedded:", StringComparison.Ordinal)
                ? Environment.CurrentDirectory
                : Path.GetDirectoryName(Path.GetFullPath(source)) ?? Environment.CurrentDirectory;
            var reader = new ConfigurationReader(source, baseDirectory);
            var configuration = reader.Read(document.RootElement);
            return reader.Errors.Count == 0 && configuration is not null
                ? ConfigurationLoadResult.Success(configuration)
                : ConfigurationLoadResult.Failure(reader.Errors);
        }
    }

    /// <summary>The embedded default (simulator board, one local account, FXS port 0 as 201, FXO port 1 to 201); throws if it is broken.</summary>
    public static FaxBoxConfiguration LoadEmbeddedDefault() => Parse(EmbeddedDefaultText(), EmbeddedDefaultSource).GetOrThrow();

    /// <summary>The embedded default's text, with its comments (<c>faxbox config check --print-default</c>).</summary>
    public static string EmbeddedDefaultText()
    {
        using var stream = typeof(FaxBoxConfiguration).Assembly.GetManifestResourceStream(EmbeddedResourceName)
            ?? throw new InvalidOperationException($"resource {EmbeddedResourceName} missing from {typeof(FaxBoxConfiguration).Assembly.GetName().Name}");
        using var text = new StreamReader(stream, Encoding.UTF8);
        return text.ReadToEnd();
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name}: {Gateway.Ports.Count} port(s), {Gateway.Accounts.Count} account(s), board {BoardProfile.Name}, from {Source}";

    private static ConfigurationLoadResult Failure(string file, string key, string reason) => ConfigurationLoadResult.Failure([new ConfigurationError(file, key, reason)]);

    /// <summary><c>line L, column C</c>, both from 1; the column counts characters, not UTF-8 bytes.</summary>
    private static string SyntaxErrorPlace(string json, JsonException e)
    {
        if (e.LineNumber is not { } line)
        {
            return "(syntax)";
        }

        var bytes = e.BytePositionInLine ?? 0;
        var lines = json.Split('\n');
        var column = bytes + 1;
        if (line < lines.Length)
        {
            var utf8 = Encoding.UTF8.GetBytes(lines[line]);
            column = Encoding.UTF8.GetCharCount(utf8, 0, (int)Math.Min(bytes, utf8.Length)) + 1;
        }

        return $"line {line + 1}, column {column}";
    }

    // System.Text.Json appends "LineNumber: … | BytePositionInLine: …" which the key already says.
    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut].TrimEnd() : message;
    }
}
