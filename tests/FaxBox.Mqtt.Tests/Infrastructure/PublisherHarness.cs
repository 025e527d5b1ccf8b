using FaxBox.Core.Status;
using FaxBox.Mqtt.Broker;
using FaxBox.Mqtt.Commands;
using FaxBox.Mqtt.Configuration;
using FaxBox.Mqtt.Publishing;

namespace FaxBox.Mqtt.Tests.Infrastructure;

/// <summary>A status board, a publisher for it on a broker, and a probe subscribed to the device's topics and discovery.</summary>
internal sealed class PublisherHarness : IAsyncDisposable
{
    private PublisherHarness(StatusBoard board, MqttStatusPublisher publisher, MqttProbe probe, ListLogger log)
    {
        Log = log;
        Board = board;
        Publisher = publisher;
        Probe = probe;
    }

    public StatusBoard Board { get; }

    /// <summary>The publisher's log.</summary>
    public ListLogger Log { get; }

    public MqttStatusPublisher Publisher { get; }

    public MqttProbe Probe { get; }

    public MqttTopics Topics => Publisher.Topics;

    public static MqttOptions FastOptions(string url) => new()
    {
        Url = url,
        ReconnectMin = TimeSpan.FromMilliseconds(200),
        ReconnectMax = TimeSpan.FromSeconds(1),
        HealthInterval = TimeSpan.FromSeconds(5),
    };

    public static Task<PublisherHarness> StartAsync(int port, MqttOptions options, string device, IMqttCommandHandler? commands = null, (string, string)? probeCredentials = null) =>
        StartAsync(port, null, options, device, commands, probeCredentials);

    /// <summary>A publisher on <paramref name="broker"/>: its client, or in-process for the embedded broker.</summary>
    public static Task<PublisherHarness> StartAsync(BrokerUnderTest broker, MqttOptions options, string device, IMqttCommandHandler? commands = null) =>
        StartAsync(broker.Port, broker.EmbeddedBroker, options, device, commands, null);

    private static async Task<PublisherHarness> StartAsync(int port, MqttEmbeddedBroker? embedded, MqttOptions options, string device, IMqttCommandHandler? commands, (string, string)? probeCredentials)
    {
        var board = Samples.Board();
        var probe = await MqttProbe.ConnectAsync("127.0.0.1", port, [$"{options.TopicPrefix}/{device}/#", $"{options.DiscoveryPrefix}/+/{device}/+/config"], credentials: probeCredentials);
        var log = new ListLogger();
        var publisher = new MqttStatusPublisher(options, MqttBrokerAddress.Parse(options.Url!, "mqtt.url"), device, board, log, null, commands, embedded?.CreateLink(device));
        publisher.Start();
        return new PublisherHarness(board, publisher, probe, log);
    }

    /// <summary>The last payload on <paramref name="topic"/> as text, or null.</summary>
    public string? Last(string topic) => Probe.Messages.LastOrDefault(m => m.Topic == topic)?.Text;

    public Task WaitOnlineAsync() =>
        Probe.WaitForAsync(m => m.Any(x => x.Topic == Topics.Status && x.Text == "online") && m.Any(x => x.Topic == Topics.Box), TimeSpan.FromSeconds(15), "status online and the box state");

    public async ValueTask DisposeAsync()
    {
        await Publisher.DisposeAsync();
        await Probe.DisposeAsync();
    }
}
