using System.Text.Json;
using FaxBox.Mqtt.Configuration;
using FaxBox.Mqtt.Publishing;
using FaxBox.Mqtt.Tests.Infrastructure;
using FaxBox.Mqtt.Tests.Schemas;

namespace FaxBox.Mqtt.Tests.Mosquitto;

/// <summary>
/// A real 30 s outage (run once: it is most of this project's test time): fax/completed events published while
/// mosquitto is down are queued and delivered, QoS 1, once it is back. mosquitto keeps the subscriber's persistent
/// session across the restart, so what it delivers after the outage reaches the subscriber even if the box is first.
/// </summary>
public sealed class BrokerOutageTests
{
    [Fact]
    public async Task Fax_completed_events_during_a_30_second_outage_are_delivered_after_it()
    {
        using var broker = await Infrastructure.Mosquitto.StartAsync(persistence: true);
        var board = Samples.Board();
        var topics = new MqttTopics("faxbox", "box-outage", "homeassistant");
        await using var subscriber = await MqttProbe.ConnectAsync("127.0.0.1", broker.Port, [topics.FaxCompleted, topics.Status], clientId: "outage-watcher", cleanSession: false);
        var log = new ListLogger();
        await using var publisher = new MqttStatusPublisher(PublisherHarness.FastOptions(broker.Url), MqttBrokerAddress.Parse(broker.Url, "mqtt.url"), "box-outage", board, log);
        publisher.Start();
        await subscriber.WaitForAsync(m => m.Any(x => x.Topic == topics.Status && x.Text == "online"), TimeSpan.FromSeconds(10), "online");
        board.AddFax(Samples.Fax("before"), fellBack: false);
        await subscriber.WaitForAsync(m => m.Any(x => x.Topic == topics.FaxCompleted), TimeSpan.FromSeconds(10), "the fax before the outage");

        broker.Stop();
        for (var i = 1; i <= 5; i++)
        {
            board.AddFax(Samples.Fax($"during-{i}", callId: $"call-{i}"), fellBack: false);
        }

        await Task.Delay(TimeSpan.FromSeconds(30));
        Assert.False(publisher.IsConnected);
        Assert.Equal(5, publisher.EventsQueued);
        await broker.RestartAsync();
        for (var attempt = 0; !subscriber.IsConnected; attempt++)
        {
            try
            {
                await subscriber.ReconnectAsync();
            }
            catch (MQTTnet.Exceptions.MqttCommunicationException) when (attempt < 50)
            {
                await Task.Delay(100);
            }
        }

        // QoS 1 is at least once: a message in flight at the broker's stop may come twice; count distinct records.
        static List<string?> Ids(IReadOnlyList<MqttProbe.Received> m, MqttTopics t) =>
            m.Where(x => x.Topic == t.FaxCompleted).Select(x => JsonDocument.Parse(x.Payload).RootElement.GetProperty("id").GetString()).Distinct().ToList();
        var messages = await subscriber.WaitForAsync(m => Ids(m, topics).Count >= 6, TimeSpan.FromSeconds(20), $"the five faxes of the outage; log:\n{log}");
        var ids = Ids(messages, topics);
        Assert.Equal(["before", "during-1", "during-2", "during-3", "during-4", "during-5"], ids);
        Assert.Empty(messages.SelectMany(m => PayloadSchemas.Check(topics, m.Topic, m.Payload)));
        Assert.Equal(0, publisher.EventsDropped);
        Assert.True(publisher.Connects >= 2);
    }
}
