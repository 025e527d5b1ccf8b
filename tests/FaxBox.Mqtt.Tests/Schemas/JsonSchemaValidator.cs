using System.Globalization;
using System.Text.Json;

namespace FaxBox.Mqtt.Tests.Schemas;

/// <summary>
/// A validator for the subset of JSON Schema 2020-12 the payload schemas use (the registry here has no complete
/// validator: JsonSchema.Net's dependencies are missing): <c>type</c> (one or a list), <c>properties</c>,
/// <c>required</c>, <c>additionalProperties: false</c>, <c>enum</c>, <c>minimum</c>, <c>maximum</c>, <c>minLength</c>,
/// <c>items</c>, <c>format: date-time</c>. A keyword it does not know is an error, so a schema cannot silently ask for
/// more than is checked.
/// </summary>
internal static class JsonSchemaValidator
{
    private static readonly HashSet<string> Known = ["$schema", "$id", "title", "description", "type", "properties", "required", "additionalProperties", "enum", "minimum", "maximum", "minLength", "items", "format"];

    /// <summary>Every way <paramref name="instance"/> breaks <paramref name="schema"/>, as "path: reason"; empty when valid.</summary>
    public static List<string> Validate(JsonElement schema, JsonElement instance)
    {
        var errors = new List<string>();
        Check(schema, instance, "$", errors);
        return errors;
    }

    private static void Check(JsonElement schema, JsonElement value, string path, List<string> errors)
    {
        foreach (var keyword in schema.EnumerateObject())
        {
            if (!Known.Contains(keyword.Name))
            {
                errors.Add($"{path}: schema keyword '{keyword.Name}' is not supported by this validator");
            }
        }

        if (schema.TryGetProperty("type", out var type) && !TypeMatches(type, value))
        {
            errors.Add($"{path}: {Kind(value)} is not of type {type.GetRawText()}");
            return;
        }

        if (schema.TryGetProperty("enum", out var options) && !options.EnumerateArray().Any(o => JsonElement.DeepEquals(o, value)))
        {
            errors.Add($"{path}: {value.GetRawText()} is not one of {options.GetRawText()}");
        }

        if (value.ValueKind == JsonValueKind.Number)
        {
            var number = value.GetDouble();
            if (schema.TryGetProperty("minimum", out var min) && number < min.GetDouble())
            {
                errors.Add($"{path}: {number} < minimum {min.GetDouble()}");
            }

            if (schema.TryGetProperty("maximum", out var max) && number > max.GetDouble())
            {
                errors.Add($"{path}: {number} > maximum {max.GetDouble()}");
            }
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            var text = value.GetString()!;
            if (schema.TryGetProperty("minLength", out var minLength) && text.Length < minLength.GetInt32())
            {
                errors.Add($"{path}: '{text}' is shorter than {minLength.GetInt32()}");
            }

            if (schema.TryGetProperty("format", out var format) && format.GetString() == "date-time"
                && !DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                errors.Add($"{path}: '{text}' is not an RFC 3339 date-time");
            }
        }

        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var i = 0;
            foreach (var item in value.EnumerateArray())
            {
                Check(items, item, $"{path}[{i++}]", errors);
            }
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            var properties = schema.TryGetProperty("properties", out var p) ? p : default;
            if (schema.TryGetProperty("required", out var required))
            {
                foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
                {
                    if (!value.TryGetProperty(name, out _))
                    {
                        errors.Add($"{path}: required '{name}' missing");
                    }
                }
            }

            var closed = schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.False;
            foreach (var member in value.EnumerateObject())
            {
                if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(member.Name, out var memberSchema))
                {
                    Check(memberSchema, member.Value, $"{path}.{member.Name}", errors);
                }
                else if (closed)
                {
                    errors.Add($"{path}: '{member.Name}' is not allowed (additionalProperties: false)");
                }
            }
        }
    }

    private static bool TypeMatches(JsonElement type, JsonElement value) => type.ValueKind == JsonValueKind.Array
        ? type.EnumerateArray().Any(t => Is(t.GetString()!, value))
        : Is(type.GetString()!, value);

    private static bool Is(string type, JsonElement value) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        _ => throw new ArgumentException($"unknown schema type '{type}'"),
    };

    private static string Kind(JsonElement value) => value.ValueKind.ToString().ToLowerInvariant() + " " + value.GetRawText();
}
