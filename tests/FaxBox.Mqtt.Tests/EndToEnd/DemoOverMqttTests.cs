using System.Text.Json;
using FaxBox.Fax.SpanDsp;
using FaxBox.Host.Appliance;
using FaxBox.Mqtt.Publishing;
using FaxBox.Mqtt.Tests.Infrastructure;
using FaxBox.Mqtt.Tests.Schemas;
using Microsoft.Extensions.Logging.Abstractions;

namespace FaxBox.Mqtt.Tests.EndToEnd;

/// <summary>
/// <c>faxbox demo --mqtt</c> in-process, once for the class: a real relayed fax (box A's fax machine, SIP, T.38, box
/// B's fax machine), both boxes publishing to mosquitto.
/// </summary>
public sealed class DemoOverMqttTests(DemoOverMqttTests.DemoRunFixture demo) : IClassFixture<DemoOverMqttTests.DemoRunFixture>
{
    private static readonly MqttTopics A = new("faxbox", "demo-a", "homeassistant");
    private static readonly MqttTopics B = new("faxbox", "demo-b", "homeassistant");

    [Fact]
    public void A_relayed_fax_shows_on_both_boxes_topics_and_every_payload_matches_its_schema()
    {
        Assert.True(demo.Summary.Passed, demo.Summary.Reason + "\n" + demo.Output);
        Assert.Contains($"MQTT: status of box A as faxbox/demo-a/…, box B as faxbox/demo-b/… on {demo.Url}", demo.Output, StringComparison.Ordinal);
        var messages = demo.Messages;
        var errors = messages.SelectMany(m => PayloadSchemas.Check(m.Topic.Contains("demo-a", StringComparison.Ordinal) ? A : B, m.Topic, m.Payload)).ToList();
        Assert.True(errors.Count == 0, string.Join('\n', errors));
        foreach (var t in new[] { A, B })
        {
            var topics = messages.Where(m => m.Topic.StartsWith(t.Root + "/", StringComparison.Ordinal)).ToList();
            Assert.Contains(topics, m => m.Topic == t.CallStart);
            Assert.Contains(topics, m => m.Topic == t.CallEnd);
            Assert.Contains(topics, m => m.Topic == t.Port("fxs0") && m.Text.Contains("\"fax-relay\"", StringComparison.Ordinal));
            Assert.Equal(["online", "offline"], topics.Where(m => m.Topic == t.Status).Select(m => m.Text));
            var record = JsonDocument.Parse(topics.Single(m => m.Topic == t.FaxCompleted).Payload).RootElement;
            Assert.Equal(("t38", 2, true), (record.GetProperty("mode").GetString(), record.GetProperty("pages").GetInt32(), record.GetProperty("success").GetBoolean()));
            Assert.Contains(messages, m => m.Topic == $"homeassistant/sensor/{t.Device}/last_fax/config");
        }
    }

    /// <summary>
    /// Both gateways report the relayed fax's T.30 steps as they see them: phase B (the DCS), each page confirmed (D) and
    /// phase E (DCN), published on fax/progress in that order.
    /// </summary>
    [Fact]
    public void A_relayed_fax_publishes_phase_B_each_page_and_phase_E_on_both_boxes()
    {
        Assert.True(demo.Summary.Passed, demo.Summary.Reason);
        foreach (var t in new[] { A, B })
        {
            var steps = demo.Messages.Where(m => m.Topic == t.FaxProgress)
                .Select(m => JsonDocument.Parse(m.Payload).RootElement)
                .Select(e => $"{e.GetProperty("phase").GetString()}{e.GetProperty("pages").GetInt32()}")
                .ToList();
            Assert.Equal(["B0", "D1", "D2", "E2"], steps);
        }
    }

    public sealed class DemoRunFixture : IAsyncLifetime
    {
        private Infrastructure.Mosquitto? _broker;
        private TempFolder? _folder;

        internal DemoSummary Summary { get; private set; } = null!;

        public string Output { get; private set; } = "";

        public string Url => _broker!.Url;

        internal IReadOnlyList<MqttProbe.Received> Messages { get; private set; } = [];

        public async Task InitializeAsync()
        {
            _broker = await Infrastructure.Mosquitto.StartAsync();
            _folder = TestPaths.NewTempFolder();
            await using var probe = await MqttProbe.ConnectAsync("127.0.0.1", _broker.Port, ["faxbox/demo-a/#", "faxbox/demo-b/#", "homeassistant/+/demo-a/+/config", "homeassistant/+/demo-b/+/config"]);
            var output = new StringWriter();
            Summary = await new DemoRun(
                new DemoOptions { Pages = 2, OutputFolder = _folder.Path, MqttUrl = _broker.Url },
                new SpanDspFaxEngine(NullLoggerFactory.Instance),
                NullLoggerFactory.Instance,
                output).RunAsync(CancellationToken.None);
            Output = output.ToString();
            Messages = await probe.WaitForAsync(
                m => m.Any(x => x.Topic == A.FaxCompleted) && m.Any(x => x.Topic == B.FaxCompleted) && m.Count(x => x.Topic == A.Status || x.Topic == B.Status) >= 4,
                TimeSpan.FromSeconds(20), "both fax records and both boxes online then offline");
        }

        public Task DisposeAsync()
        {
            _broker?.Dispose();
            _folder?.Dispose();
            return Task.CompletedTask;
        }
    }
}
