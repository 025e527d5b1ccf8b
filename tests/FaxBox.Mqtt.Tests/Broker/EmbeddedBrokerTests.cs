using System.Globalization;
using System.Net;
using FaxBox.Mqtt.Broker;
using FaxBox.Mqtt.Configuration;
using FaxBox.Mqtt.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace FaxBox.Mqtt.Tests.Broker;

public sealed class EmbeddedBrokerTests
{
    [Fact]
    public async Task With_no_broker_configured_the_box_publishes_to_its_own_broker_listening_on_loopback_only()
    {
        using var data = TestPaths.NewTempFolder();
        var port = FreePort.Tcp();
        var board = Samples.Board("bench-box");

        await using var service = await MqttStatusService.StartAsync(new MqttOptions { EmbeddedPort = port }, board, "bench-box", data.Path, NullLoggerFactory.Instance);
        await using var probe = await MqttProbe.ConnectAsync("127.0.0.1", port, ["faxbox/#"]);

        var device = service!.Publisher.Topics.Device;
        Assert.Matches("^bench-box-[0-9a-f]{8}$", device);
        await probe.WaitForAsync(m => m.Any(x => x.Topic == $"faxbox/{device}/status" && x.Text == "online"), TimeSpan.FromSeconds(10), "online on the embedded broker");
        var listening = ListeningAddresses(port);
        Assert.Equal(["127.0.0.1"], listening);
        // Publisher and broker in one process: the publisher is not a client of its own broker (no socket, no keep-alive
        // loop waking the idle box, no MQTT client or TLS code loaded): the probe is the broker's only client.
        Assert.IsType<EmbeddedBrokerLink>(service.Publisher.Link);
        Assert.Equal([probe.ClientId], (await service.EmbeddedBroker!.ClientIdsAsync()).ToArray());
    }

    [Fact]
    public async Task A_configured_broker_gets_a_30_s_keep_alive_so_it_publishes_the_will_when_the_box_goes_silent()
    {
        using var data = TestPaths.NewTempFolder();
        var port = FreePort.Tcp(); // nobody listens: the publisher keeps retrying in the background

        await using var service = await MqttStatusService.StartAsync(new MqttOptions { Url = $"mqtt://127.0.0.1:{port}" }, Samples.Board("box"), "box", data.Path, NullLoggerFactory.Instance);

        Assert.Null(service!.EmbeddedBroker);
        Assert.Equal(TimeSpan.FromSeconds(30), Assert.IsType<FaxBox.Mqtt.Publishing.MqttClientLink>(service.Publisher.Link).BuildClientOptions().KeepAlivePeriod);
    }

    [Fact]
    public async Task Beyond_loopback_without_credentials_the_embedded_broker_refuses_to_start_naming_the_key()
    {
        var e = await Assert.ThrowsAsync<MqttConfigurationException>(() => MqttEmbeddedBroker.StartAsync(new MqttOptions { EmbeddedAddress = IPAddress.Any, EmbeddedPort = FreePort.Tcp() }));

        Assert.Equal("mqtt.embeddedAddress", e.Key);
    }

    [Fact]
    public async Task With_credentials_configured_the_embedded_broker_turns_away_clients_without_them()
    {
        var port = FreePort.Tcp();
        await using var broker = await MqttEmbeddedBroker.StartAsync(new MqttOptions { EmbeddedPort = port, Username = "box", Password = "pw-123" });

        await Assert.ThrowsAnyAsync<Exception>(() => MqttProbe.ConnectAsync("127.0.0.1", port, ["#"]));
        await Assert.ThrowsAnyAsync<Exception>(() => MqttProbe.ConnectAsync("127.0.0.1", port, ["#"], credentials: ("box", "wrong")));
        await using var allowed = await MqttProbe.ConnectAsync("127.0.0.1", port, ["#"], credentials: ("box", "pw-123"));
        Assert.True(allowed.IsConnected);
    }

    [Fact]
    public async Task A_taken_port_is_a_clear_error_naming_the_key()
    {
        using var broker = await Infrastructure.Mosquitto.StartAsync();

        var e = await Assert.ThrowsAsync<MqttConfigurationException>(() => MqttEmbeddedBroker.StartAsync(new MqttOptions { EmbeddedPort = broker.Port }));

        Assert.Equal("mqtt.embeddedPort", e.Key);
        Assert.Contains($"127.0.0.1:{broker.Port}", e.Reason, StringComparison.Ordinal);
    }

    /// <summary>The local addresses of TCP sockets listening on <paramref name="port"/>, from /proc/net/tcp and tcp6.</summary>
    private static List<string> ListeningAddresses(int port)
    {
        var found = new List<string>();
        foreach (var file in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            foreach (var line in File.ReadLines(file).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var local = fields[1].Split(':');
                if (fields[3] == "0A" && int.Parse(local[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture) == port)
                {
                    var bytes = Convert.FromHexString(local[0]);
                    if (bytes.Length == 4)
                    {
                        Array.Reverse(bytes);
                    }

                    found.Add(new IPAddress(bytes.Length == 4 ? bytes : bytes).ToString());
                }
            }
        }

        return found;
    }
}
