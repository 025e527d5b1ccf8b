using System.Text.Json.Serialization;

namespace FaxBox.FaxServer.Inbox;

/// <summary>Source-generated JSON for the metadata sidecars (camelCase, enums as strings, indented for people).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ReceivedFax))]
internal sealed partial class InboxJsonContext : JsonSerializerContext;
