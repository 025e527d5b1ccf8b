using System.Text.Json.Nodes;
using FaxBox.Host.Configuration;

namespace FaxBox.Host.Tests.Configuration;

/// <summary>A small valid configuration to break one key at a time.</summary>
internal static class ConfigurationSamples
{
    public const string Source = "faxbox.json";

    public const string Minimal = """
        {
          "sip": { "accounts": [ { "name": "trunk", "username": "fax" } ] },
          "ports": [ { "port": 0, "account": "trunk", "number": "201" }, { "port": 1, "account": "trunk", "inboundDestination": "201" } ]
        }
        """;

    /// <summary>The minimal configuration with <paramref name="edit"/> applied to its JSON tree.</summary>
    public static string With(Action<JsonObject> edit)
    {
        var root = JsonNode.Parse(Minimal)!.AsObject();
        edit(root);
        return root.ToJsonString();
    }

    public static IReadOnlyList<ConfigurationError> Errors(string json)
    {
        var result = FaxBoxConfiguration.Parse(json, Source);
        Assert.False(result.Succeeded, "expected the configuration to be refused");
        Assert.Null(result.Configuration);
        return result.Errors;
    }

    public static FaxBoxConfiguration Valid(string json, string source = Source)
    {
        var result = FaxBoxConfiguration.Parse(json, source);
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
        return result.Configuration!;
    }

    /// <summary>The single error's key and reason; fails when there is not exactly one.</summary>
    public static ConfigurationError Single(string json)
    {
        var errors = Errors(json);
        Assert.True(errors.Count == 1, "expected one error, got: " + string.Join(" | ", errors));
        Assert.Equal(Source, errors[0].File);
        return errors[0];
    }
}
