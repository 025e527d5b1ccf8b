using System.Text;
using System.Text.Json;

namespace FaxBox.LineInterface.Hardware.Boards;

/// <summary>
/// Reads a board-config JSON file (shape: <c>board-config/board.schema.json</c>) into a <see cref="BoardProfile"/>,
/// validating every key. Unknown keys are errors (a typo must not silently fall back to a default), and every error
/// names the file, the key's JSON path and the reason. The host calls <see cref="Load(string)"/> at start.
/// </summary>
public static class BoardProfileLoader
{
    /// <summary>The default board's file name in <c>board-config/</c>.</summary>
    public const string DefaultFileName = "simulator.json";

    /// <summary>The <see cref="BoardProfile.Source"/> of <see cref="LoadEmbeddedSimulator"/>.</summary>
    public const string EmbeddedSimulatorSource = "embedded:simulator.json";

    /// <summary>Board files larger than this are refused before parsing (a board file is a few kilobytes).</summary>
    public const int MaxFileBytes = 256 * 1024;

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = false,
        MaxDepth = 16,
    };

    /// <summary>Loads and validates a board file. Never throws for bad input: a missing, unreadable or invalid file gives errors.</summary>
    public static BoardLoadResult Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Core.Json.JsonFiles.TryRead(path, MaxFileBytes, "board file", out var reason) is not { } json)
        {
            return Failure(path, "(file)", reason);
        }

        return Parse(json, path);
    }

    /// <summary>Loads a board file, or throws <see cref="BoardConfigurationException"/> listing every error.</summary>
    public static BoardProfile LoadOrThrow(string path) => Load(path).GetProfileOrThrow();

    /// <summary>Validates board JSON text; <paramref name="source"/> is the name errors and <see cref="BoardProfile.Source"/> use.</summary>
    public static BoardLoadResult Parse(string json, string source)
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
            var where = e.LineNumber is { } line ? $"line {line + 1}, byte {e.BytePositionInLine + 1}" : "(syntax)";
            return Failure(source, where, "not valid JSON: " + FirstSentence(e.Message));
        }

        using (document)
        {
            var reader = new BoardJsonReader(source);
            var profile = reader.Read(document.RootElement);
            return reader.Errors.Count == 0 && profile is not null
                ? BoardLoadResult.Success(profile)
                : BoardLoadResult.Failure(reader.Errors);
        }
    }

    /// <summary>The simulator board compiled into this assembly (a copy of <c>board-config/simulator.json</c>), for a box started without a board file.</summary>
    public static BoardProfile LoadEmbeddedSimulator()
    {
        using var stream = typeof(BoardProfileLoader).Assembly.GetManifestResourceStream(EmbeddedResourceName)
            ?? throw new InvalidOperationException($"resource {EmbeddedResourceName} missing from {typeof(BoardProfileLoader).Assembly.GetName().Name}");
        using var text = new StreamReader(stream, Encoding.UTF8);
        return Parse(text.ReadToEnd(), EmbeddedSimulatorSource).GetProfileOrThrow();
    }

    internal const string EmbeddedResourceName = "FaxBox.LineInterface.Hardware.Boards.simulator.json";

    private static BoardLoadResult Failure(string file, string key, string reason) => BoardLoadResult.Failure([new BoardConfigurationError(file, key, reason)]);

    // System.Text.Json appends "LineNumber: … | BytePositionInLine: …" which the key already says.
    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut].TrimEnd() : message;
    }
}
