using System.Net;
using System.Security.Cryptography;
using System.Text;
using FaxBox.Mqtt.Configuration;
using FaxBox.Mqtt.Publishing;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace FaxBox.Mqtt.Broker;

/// <summary>
/// MQTTnet's broker inside the box, for when no broker is configured: on 127.0.0.1 by default (IPv4 only; no IPv6
/// listener), so status is available to local tools. Bound beyond loopback only with <see cref="MqttOptions.Username"/>
/// and <see cref="MqttOptions.Password"/>, which every client must then present.
/// </summary>
public sealed class MqttEmbeddedBroker : IAsyncDisposable
{
    private readonly MqttServer _server;
    private readonly byte[]? _user;
    private readonly byte[]? _password;

    private MqttEmbeddedBroker(MqttServer server, IPAddress address, int port, MqttOptions options)
    {
        _server = server;
        Address = address;
        Port = port;
        if (options.Username is { } user && options.Password is { } password)
        {
            _user = Encoding.UTF8.GetBytes(user);
            _password = Encoding.UTF8.GetBytes(password);
        }

        _server.ValidatingConnectionAsync += ValidateAsync;
    }

    /// <summary>
    /// How often the broker looks for clients past their keep-alive (MQTT 3.1.1 §3.1.2.10: one and a half keep-alive
    /// periods without a packet closes the connection): 5 s, so a dead client is dropped at most 5 s after its
    /// deadline (the box's own publisher is in-process, not a client). MQTTnet's default, 500 ms, woke an idle box twice a second.
    /// </summary>
    public static readonly TimeSpan KeepAliveMonitorInterval = TimeSpan.FromSeconds(5);

    /// <summary>The address the broker listens on.</summary>
    public IPAddress Address { get; }

    /// <summary>The TCP port it listens on.</summary>
    public int Port { get; }

    /// <summary>The URL the box's own publisher connects to.</summary>
    public string Url => $"mqtt://{(IPAddress.Any.Equals(Address) ? IPAddress.Loopback : Address)}:{Port}";

    /// <summary>
    /// Starts the broker on <see cref="MqttOptions.EmbeddedAddress"/>:<paramref name="port"/> (default
    /// <see cref="MqttOptions.EmbeddedPort"/>). Refuses (<see cref="MqttConfigurationException"/>, key
    /// <c>mqtt.embeddedAddress</c>) an address beyond loopback without credentials.
    /// </summary>
    public static async Task<MqttEmbeddedBroker> StartAsync(MqttOptions options, int? port = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var address = options.EmbeddedAddress;
        if (!IPAddress.IsLoopback(address) && (options.Username is null || string.IsNullOrEmpty(options.Password)))
        {
            throw new MqttConfigurationException("mqtt.embeddedAddress", $"{address} is beyond loopback: the embedded broker is exposed only with mqtt.username and mqtt.password set");
        }

        var listenPort = port ?? options.EmbeddedPort;
        var builder = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointPort(listenPort)
            .WithDefaultEndpointBoundIPAddress(address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? address : IPAddress.None)
            .WithDefaultEndpointBoundIPV6Address(address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? address : IPAddress.None)
            .WithPersistentSessions(false);
        var serverOptions = builder.Build();
        serverOptions.KeepAliveOptions.MonitorInterval = KeepAliveMonitorInterval;
        var server = new MqttServerFactory().CreateMqttServer(serverOptions);
        var broker = new MqttEmbeddedBroker(server, address, listenPort, options);
        try
        {
            await server.StartAsync().ConfigureAwait(false);
        }
        catch (System.Net.Sockets.SocketException e)
        {
            server.Dispose();
            throw new MqttConfigurationException("mqtt.embeddedPort", $"the embedded broker cannot listen on {address}:{listenPort}: {e.Message}");
        }

        return broker;
    }

    /// <summary>
    /// The publisher's in-process link into this broker, publishing as client <paramref name="clientId"/> (the device
    /// id): what it publishes reaches the broker's clients as from any client, with retained messages kept.
    /// </summary>
    internal IMqttLink CreateLink(string clientId) => new EmbeddedBrokerLink(_server, clientId);

    /// <summary>The client ids of the clients connected now.</summary>
    internal async Task<IReadOnlyList<string>> ClientIdsAsync() => [.. (await _server.GetClientsAsync().ConfigureAwait(false)).Select(c => c.Id)];

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync(new MqttServerStopOptions()).ConfigureAwait(false);
        _server.Dispose();
    }

    private Task ValidateAsync(ValidatingConnectionEventArgs e)
    {
        if (_user is not null && _password is not null)
        {
            var user = Encoding.UTF8.GetBytes(e.UserName ?? "");
            var password = e.RawPassword ?? [];
            var ok = CryptographicOperations.FixedTimeEquals(user, _user) & CryptographicOperations.FixedTimeEquals(password, _password);
            if (!ok)
            {
                e.ReasonCode = MqttConnectReasonCode.BadUserNameOrPassword;
            }
        }

        return Task.CompletedTask;
    }
}
