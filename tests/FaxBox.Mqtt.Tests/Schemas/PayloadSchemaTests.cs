using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using FaxBox.Core.Status;
using FaxBox.Mqtt.HomeAssistant;
using FaxBox.Mqtt.Payloads;
using FaxBox.Mqtt.Publishing;
using FaxBox.Mqtt.Tests.Infrastructure;

namespace FaxBox.Mqtt.Tests.Schemas;

/// <summary>Every payload kind, with its nulls and without, against its committed schema; and the validator can fail.</summary>
public sealed class PayloadSchemaTests
{
    private static readonly MqttTopics Topics = new("faxbox", "office-fax-0a1b2c3d", "homeassistant");

    public static TheoryData<string, string> Payloads()
    {
        var snapshot = Samples.Board().Current;
        var data = new TheoryData<string, string>
        {
            { "port", Text(MqttPayloads.Port(Samples.Port("fxs0", PortState.Fax, "call-1"))) },
            { "port", Text(MqttPayloads.Port(new PortStatus("terminal", PortKind.Fxs, PortState.Fax, null, null, null, Samples.T0))) },
            { "account", Text(MqttPayloads.Account(Samples.Registered())) },
            { "account", Text(MqttPayloads.Account(Samples.Failed())) },
            { "queue", Text(MqttPayloads.Queue(new QueueStatus(3, 1, Samples.T0, 2), Samples.T0.AddMinutes(5))) },
            { "queue", Text(MqttPayloads.Queue(QueueStatus.Empty, Samples.T0)) },
            { "box", Text(MqttPayloads.Box(snapshot, Topics.Device, 4)) },
            { "fax-record", Text(MqttPayloads.FaxRecord(Samples.Fax("f1"))) },
            { "fax-record", Text(MqttPayloads.FaxRecord(Samples.G711Fax("f2"))) },
            { "call", Text(MqttPayloads.Call(Samples.Call("c1"), null)) },
            { "call", Text(MqttPayloads.Call(Samples.Call("c1", CallMediaMode.T38), Samples.T0.AddMinutes(2))) },
            { "fax-progress", Text(MqttPayloads.FaxProgress(Samples.Progress("B", 0))) },
            { "fax-progress", Text(MqttPayloads.FaxProgress(Samples.Progress("D", 2))) },
            { "health", Text(MqttPayloads.Health(new MqttHealth(TimeSpan.FromHours(3), 2.5, 60_000_000, 9_000_000, 48.3, 0, 0, 1, Samples.T0))) },
            { "health", Text(MqttPayloads.Health(new MqttHealth(TimeSpan.Zero, 0, 1, 1, null, 7, 2, 3, Samples.T0))) },
            { "command-result", Text(MqttPayloads.CommandResult("7", "retry-job", true, "job 42 queued")) },
            { "command-result", Text(MqttPayloads.CommandResult(null, "bogus", false, "unknown command")) },
        };
        foreach (var config in HomeAssistantDiscovery.Build(Topics, snapshot, "1.0.0"))
        {
            data.Add("ha-discovery", Text(config.Payload));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Every_payload_kind_validates_against_its_committed_schema(string schema, string payload)
    {
        using var document = JsonDocument.Parse(payload);

        var errors = JsonSchemaValidator.Validate(PayloadSchemas.Load(schema), document.RootElement);

        Assert.True(errors.Count == 0, string.Join('\n', errors) + "\n" + payload);
    }

    [Theory]
    [InlineData("""{"port":"fxs0","kind":"fxs","state":"dancing","number":null,"account":null,"callId":null,"since":"2026-11-24T09:30:00+00:00"}""", "is not one of")]
    [InlineData("""{"port":"fxs0","kind":"fxs","state":"idle","number":null,"account":null,"since":"2026-11-24T09:30:00+00:00"}""", "required 'callId' missing")]
    [InlineData("""{"port":"fxs0","kind":"fxs","state":"idle","number":null,"account":null,"callId":null,"since":"yesterday"}""", "is not an RFC 3339 date-time")]
    [InlineData("""{"port":"fxs0","kind":"fxs","state":"idle","number":5,"account":null,"callId":null,"since":"2026-11-24T09:30:00Z","extra":1}""", "is not of type")]
    public void The_validator_rejects_payloads_that_break_the_schema(string payload, string reason)
    {
        using var document = JsonDocument.Parse(payload);

        var errors = JsonSchemaValidator.Validate(PayloadSchemas.Load("port"), document.RootElement);

        Assert.Contains(errors, e => e.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_committed_schema_uses_only_keywords_the_validator_checks()
    {
        foreach (var name in PayloadSchemas.Names)
        {
            var schema = PayloadSchemas.Load(name);
            Assert.Equal(name, schema.GetProperty("title").GetString());
            Assert.Empty(JsonSchemaValidator.Validate(JsonDocument.Parse("""{"$schema":"x","title":"t","type":"object"}""").RootElement, JsonDocument.Parse("{}").RootElement));
            Assert.DoesNotContain(KeywordsOf(schema), k => k is "$ref" or "pattern" or "oneOf" or "anyOf" or "allOf" or "const" or "$defs");
        }
    }

    [Fact]
    public void Payloads_carry_no_credentials_and_no_document_content()
    {
        var record = Text(MqttPayloads.FaxRecord(Samples.Fax("f1")));

        Assert.DoesNotContain("password", record, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("tif", record, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("path", record, StringComparison.OrdinalIgnoreCase);
    }

    private static IEnumerable<string> KeywordsOf(JsonElement schema)
    {
        foreach (var member in schema.EnumerateObject())
        {
            yield return member.Name;
            if (member.Value.ValueKind == JsonValueKind.Object)
            {
                foreach (var nested in member.Value.EnumerateObject().Where(n => n.Value.ValueKind == JsonValueKind.Object).SelectMany(n => KeywordsOf(n.Value)))
                {
                    yield return nested;
                }
            }
        }
    }

    private static string Text(byte[] payload) => Encoding.UTF8.GetString(payload);
}
