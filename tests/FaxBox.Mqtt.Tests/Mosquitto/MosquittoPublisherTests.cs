using System.Text.Json;
using FaxBox.Core.Status;
using FaxBox.Mqtt.Tests.Infrastructure;
using FaxBox.Mqtt.Tests.Publishing;
using FaxBox.Mqtt.Tests.Schemas;

namespace FaxBox.Mqtt.Tests.Mosquitto;

/// <summary>
/// The publisher against Debian's mosquitto on 127.0.0.1 (plain TCP, as its client) and, where marked, against the box's
/// embedded broker (in-process), driven through a status board and watched by a probe client.
/// </summary>
public sealed class MosquittoPublisherTests
{
    [Theory]
    [InlineData(BrokerUnderTest.Mosquitto)]
    [InlineData(BrokerUnderTest.Embedded)]
    public async Task A_fax_call_s_states_and_events_arrive_in_order_and_every_payload_matches_its_schema(string kind)
    {
        await using var broker = await BrokerUnderTest.StartAsync(kind);
        await using var h = await PublisherHarness.StartAsync(broker, PublisherHarness.FastOptions(broker.Url), "box-1");
        await h.WaitOnlineAsync();

        var board = h.Board;
        var t = h.Topics;

        // Retained state is latest-wins: each port state is held until seen, as on a real line where states last seconds.
        async Task PortBecomes(PortStatus port, string state)
        {
            board.SetPort(port);
            await h.Probe.WaitForAsync(m => m.Any(x => x.Topic == t.Port("fxs0") && x.Text.Contains($"\"state\":\"{state}\"", StringComparison.Ordinal)), TimeSpan.FromSeconds(10), $"fxs0 {state}");
        }

        await PortBecomes(Samples.Port("fxs0", PortState.Dialling), "off-hook");
        board.SetCall(Samples.Call("call-1"));
        await PortBecomes(Samples.Port("fxs0", PortState.Fax, "call-1"), "fax-relay");
        board.SetCall(Samples.Call("call-1", CallMediaMode.T38));
        board.ReportFaxProgress(Samples.Progress("B", 0));
        board.ReportFaxProgress(Samples.Progress("D", 1));
        board.ReportFaxProgress(Samples.Progress("D", 2));
        board.ReportFaxProgress(Samples.Progress("E", 2));
        board.AddFax(Samples.Fax("fax-1", pages: 2), fellBack: false);
        board.RemoveCall("call-1");
        await PortBecomes(Samples.Port("fxs0", PortState.Idle), "idle");
        board.SetQueue(new QueueStatus(2, 1, Samples.T0, 0));
        board.SetRegistration(Samples.Failed());

        var messages = await h.Probe.WaitForAsync(
            m => m.Any(x => x.Topic == t.CallEnd) && m.Any(x => x.Topic == t.Account("trunk") && x.Text.Contains("\"failed\"", StringComparison.Ordinal))
                && m.Any(x => x.Topic == t.Queue && x.Text.Contains("\"depth\":2", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(15), "the call's end, the failed registration and the queue");

        var errors = messages.SelectMany(m => PayloadSchemas.Check(t, m.Topic, m.Payload)).ToList();
        Assert.True(errors.Count == 0, string.Join('\n', errors));
        var events = messages.Where(m => m.Topic is var topic && (topic == t.CallStart || topic == t.CallEnd || topic == t.FaxProgress || topic == t.FaxCompleted)).ToList();
        Assert.Equal(
            ["call/start", "fax/progress B", "fax/progress D", "fax/progress D", "fax/progress E", "fax/completed", "call/end"],
            events.Select(e => e.Topic[(t.Root.Length + 1)..] + (e.Topic == t.FaxProgress ? " " + JsonDocument.Parse(e.Payload).RootElement.GetProperty("phase").GetString() : "")));
        Assert.All(events, e => Assert.False(e.Retain));
        var portStates = messages.Where(m => m.Topic == t.Port("fxs0")).Select(m => JsonDocument.Parse(m.Payload).RootElement.GetProperty("state").GetString()).ToList();
        Assert.Equal(["idle", "off-hook", "fax-relay", "idle"], portStates.Where((s, i) => i == 0 || s != portStates[i - 1]));
        var completed = JsonDocument.Parse(events.Single(e => e.Topic == t.FaxCompleted).Payload).RootElement;
        Assert.Equal(("fax-1", 2, "t38", true), (completed.GetProperty("id").GetString(), completed.GetProperty("pages").GetInt32(), completed.GetProperty("mode").GetString(), completed.GetProperty("success").GetBoolean()));
        var end = JsonDocument.Parse(events.Last().Payload).RootElement;
        Assert.Equal("t38", end.GetProperty("media").GetString());
        Assert.True(end.TryGetProperty("ended", out _));

        // A new subscriber sees the retained picture: online, the last fax, the box with its fax counted.
        await using var late = await MqttProbe.ConnectAsync("127.0.0.1", broker.Port, [$"{t.Root}/#"]);
        var retained = await late.WaitForAsync(m => m.Any(x => x.Topic == t.LastFax) && m.Any(x => x.Topic == t.Box) && m.Any(x => x.Topic == t.Status), TimeSpan.FromSeconds(10), "retained state");
        Assert.All(retained, m => Assert.True(m.Retain, m.Topic));
        Assert.DoesNotContain(retained, m => m.Topic == t.FaxCompleted || m.Topic == t.CallStart);
        var box = JsonDocument.Parse(retained.Last(m => m.Topic == t.Box).Payload).RootElement;
        Assert.Equal((1, 1, 2), (box.GetProperty("faxes").GetInt32(), box.GetProperty("faxesSucceeded").GetInt32(), box.GetProperty("pages").GetInt32()));
        Assert.Equal("fax-1", JsonDocument.Parse(retained.Last(m => m.Topic == t.LastFax).Payload).RootElement.GetProperty("id").GetString());
        Assert.Contains("\"idle\"", retained.Last(m => m.Topic == t.Port("fxs0")).Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(BrokerUnderTest.Mosquitto)]
    [InlineData(BrokerUnderTest.Embedded)]
    public async Task A_clean_stop_publishes_offline_retained(string kind)
    {
        await using var broker = await BrokerUnderTest.StartAsync(kind);
        var h = await PublisherHarness.StartAsync(broker, PublisherHarness.FastOptions(broker.Url), "box-stop");
        await h.WaitOnlineAsync();

        await h.Publisher.StopAsync(TimeSpan.FromSeconds(5));

        await h.Probe.WaitForAsync(m => m.LastOrDefault(x => x.Topic == h.Topics.Status)?.Text == "offline", TimeSpan.FromSeconds(10), $"offline after a clean stop; log:\n{h.Log}");
        await using var late = await MqttProbe.ConnectAsync("127.0.0.1", broker.Port, [h.Topics.Status]);
        var retained = await late.WaitForAsync(m => m.Count > 0, TimeSpan.FromSeconds(5), "the retained status");
        Assert.Equal("offline", retained[0].Text);
        await h.DisposeAsync();
    }

    [Fact]
    public async Task Retained_state_is_right_after_mosquitto_restarts_mid_call_without_persistence()
    {
        using var broker = await Infrastructure.Mosquitto.StartAsync(persistence: false);
        var h = await PublisherHarness.StartAsync(broker.Port, PublisherHarness.FastOptions(broker.Url), "box-restart");
        await using (h)
        {
            await h.WaitOnlineAsync();
            h.Board.SetCall(Samples.Call("call-9", CallMediaMode.T38));
            h.Board.SetPort(Samples.Port("fxs0", PortState.Fax, "call-9"));
            await h.Probe.WaitForAsync(m => m.Any(x => x.Topic == h.Topics.Port("fxs0") && x.Text.Contains("fax-relay", StringComparison.Ordinal)), TimeSpan.FromSeconds(10), "fxs0 in fax-relay");
            var connects = h.Publisher.Connects;

            await broker.RestartAsync(); // the restarted broker has no retained messages at all
            h.Board.ReportFaxProgress(Samples.Progress("D", 1)); // mid-call, while the publisher reconnects

            // A subscriber that arrives after the publisher is back gets port, account and status as retained messages.
            IReadOnlyList<MqttProbe.Received> retained = [];
            for (var attempt = 0; attempt < 20 && !HasRetainedPicture(retained, h); attempt++)
            {
                await using var late = await ConnectWhenUpAsync(broker.Port, $"{h.Topics.Root}/#");
                var deadline = DateTime.UtcNow.AddSeconds(2);
                while (DateTime.UtcNow < deadline && !HasRetainedPicture(late.Messages, h))
                {
                    await Task.Delay(50);
                }

                retained = late.Messages;
            }

            Assert.True(HasRetainedPicture(retained, h), string.Join('\n', retained) + "\n" + h.Log);
            Assert.Contains("\"state\":\"fax-relay\"", retained.Last(x => x.Topic == h.Topics.Port("fxs0")).Text, StringComparison.Ordinal);
            Assert.Contains("\"callId\":\"call-9\"", retained.Last(x => x.Topic == h.Topics.Port("fxs0")).Text, StringComparison.Ordinal);
            Assert.Equal("online", retained.Last(x => x.Topic == h.Topics.Status).Text);
            Assert.True(h.Publisher.Connects > connects);
        }
    }

    private static bool HasRetainedPicture(IReadOnlyList<MqttProbe.Received> m, PublisherHarness h) =>
        m.Any(x => x.Topic == h.Topics.Port("fxs0") && x.Retain) && m.Any(x => x.Topic == h.Topics.Status && x.Retain) && m.Any(x => x.Topic == h.Topics.Account("trunk") && x.Retain);

    private static async Task<MqttProbe> ConnectWhenUpAsync(int port, string filter)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await MqttProbe.ConnectAsync("127.0.0.1", port, [filter]);
            }
            catch (MQTTnet.Exceptions.MqttCommunicationException) when (attempt < 20)
            {
                await Task.Delay(100);
            }
        }
    }

    [Theory]
    [InlineData(BrokerUnderTest.Mosquitto)]
    [InlineData(BrokerUnderTest.Embedded)]
    public async Task Discovery_is_republished_when_home_assistant_comes_online(string kind)
    {
        await using var broker = await BrokerUnderTest.StartAsync(kind);
        await using var h = await PublisherHarness.StartAsync(broker, PublisherHarness.FastOptions(broker.Url), "box-ha");
        await h.WaitOnlineAsync();
        const string portConfig = "homeassistant/sensor/box-ha/port_fxs0/config";
        await h.Probe.WaitForAsync(m => m.Any(x => x.Topic == portConfig), TimeSpan.FromSeconds(10), "the first discovery");
        var before = h.Probe.Messages.Count(x => x.Topic == portConfig);

        await h.Probe.PublishAsync("homeassistant/status", "online");

        var messages = await h.Probe.WaitForAsync(m => m.Count(x => x.Topic == portConfig) > before, TimeSpan.FromSeconds(10), "discovery again");
        var configs = messages.Where(x => x.Topic.StartsWith("homeassistant/", StringComparison.Ordinal)).ToList();
        Assert.True(configs.Select(c => c.Topic).Distinct().Count() >= 9);
        Assert.Empty(configs.SelectMany(c => PayloadSchemas.Check(h.Topics, c.Topic, c.Payload)));
    }

    [Theory]
    [InlineData(BrokerUnderTest.Mosquitto)]
    [InlineData(BrokerUnderTest.Embedded)]
    public async Task Commands_are_answered_on_command_result_only_when_enabled(string kind)
    {
        await using var broker = await BrokerUnderTest.StartAsync(kind);
        var options = PublisherHarness.FastOptions(broker.Url);
        options.Commands = true;
        await using var h = await PublisherHarness.StartAsync(broker, options, "box-cmd", new CommandDispatcherTests.RecordingHandler());
        await h.WaitOnlineAsync();
        await using var off = await PublisherHarness.StartAsync(broker, PublisherHarness.FastOptions(broker.Url), "box-nocmd");
        await off.WaitOnlineAsync();

        await h.Probe.PublishAsync($"{h.Topics.Root}/command/retry-job", """{"id":"r1","job":"42"}""");
        await h.Probe.PublishAsync($"{h.Topics.Root}/command/ring-test", """{"id":"r2"}""");
        await off.Probe.PublishAsync($"{off.Topics.Root}/command/retry-job", """{"id":"r3","job":"42"}""");

        var results = (await h.Probe.WaitForAsync(m => m.Count(x => x.Topic == h.Topics.CommandResult) == 2, TimeSpan.FromSeconds(10), "two command results"))
            .Where(x => x.Topic == h.Topics.CommandResult).Select(x => JsonDocument.Parse(x.Payload).RootElement).ToDictionary(r => r.GetProperty("id").GetString()!);
        Assert.True(results["r1"].GetProperty("ok").GetBoolean());
        Assert.Equal("retry 42", results["r1"].GetProperty("message").GetString());
        Assert.False(results["r2"].GetProperty("ok").GetBoolean());
        Assert.Equal("missing \"port\" (a string)", results["r2"].GetProperty("message").GetString());
        await off.Probe.WaitForAsync(m => m.Any(x => x.Topic == off.Topics.Health), TimeSpan.FromSeconds(10), "a health message (time for a reply to have come)");
        Assert.DoesNotContain(off.Probe.Messages, x => x.Topic == off.Topics.CommandResult);
    }
}
