using System.Text.Json;
using System.Text.Json.Serialization;

namespace FaxBox.Admin.Api;

/// <summary>JSON as the box's APIs (the local Unix-socket API and the admin site's <c>/api/v1</c>) write it.</summary>
public static class ApiJson
{
    /// <summary>camelCase, enums as camelCase strings, not indented.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        WriteIndented = false,
    };
}
