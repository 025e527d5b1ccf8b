using System.Buffers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using FaxBox.Mqtt.Configuration;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using MqttCommunicationException = MQTTnet.Exceptions.MqttCommunicationException;

namespace FaxBox.Mqtt.Publishing;

/// <summary>
/// The publisher as an MQTT 3.1.1 client (MQTTnet) of a configured broker: TCP or TLS (CA pinning with
/// <see cref="MqttOptions.CaFile"/>), clean session, <c>status</c> = <c>offline</c> as the last will, a 30 s keep-alive.
/// </summary>
internal sealed class MqttClientLink : IMqttLink
{
    /// <summary>
    /// The MQTT keep-alive (MQTT 3.1.1 §3.1.2.10) the client asks for: the broker closes the session (and publishes the
    /// will, "offline") 45 s after the box went silent.
    /// </summary>
    internal static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan OperationTimeout = TimeSpan.FromSeconds(10);

    private readonly MqttOptions _options;
    private readonly MqttBrokerAddress _broker;
    private readonly MqttTopics _topics;
    private readonly byte[] _will;
    private readonly IMqttClient _client;

    public MqttClientLink(MqttOptions options, MqttBrokerAddress broker, MqttTopics topics, byte[] will)
    {
        _options = options;
        _broker = broker;
        _topics = topics;
        _will = will;
        _client = new MqttClientFactory().CreateMqttClient();
        _client.DisconnectedAsync += e =>
        {
            Lost?.Invoke(e.ClientWasConnected, e.Reason.ToString(), e.Exception?.Message);
            return Task.CompletedTask;
        };
        _client.ApplicationMessageReceivedAsync += e =>
        {
            Received?.Invoke(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray());
            return Task.CompletedTask;
        };
    }

    public bool IsConnected => _client.IsConnected;

    public Action<string, byte[]>? Received { get; set; }

    public Action<bool, string, string?>? Lost { get; set; }

    public async Task<string?> ConnectAsync(CancellationToken cancellationToken)
    {
        var result = await _client.ConnectAsync(BuildClientOptions(), cancellationToken).ConfigureAwait(false);
        return result.ResultCode == MqttClientConnectResultCode.Success ? null : result.ResultCode.ToString();
    }

    public Task SubscribeAsync(IReadOnlyList<string> filters, CancellationToken cancellationToken)
    {
        var subscribe = new MqttClientSubscribeOptionsBuilder();
        foreach (var filter in filters)
        {
            subscribe.WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce);
        }

        return _client.SubscribeAsync(subscribe.Build(), cancellationToken);
    }

    public async Task PublishAsync(MqttMessage message, CancellationToken cancellationToken)
    {
        var result = await _client.PublishAsync(ToApplicationMessage(message), cancellationToken).ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            throw new MqttCommunicationException($"the broker refused {message.Topic}: {result.ReasonCode} {result.ReasonString}");
        }
    }

    public async Task DisconnectAsync(bool clean, CancellationToken cancellationToken)
    {
        var options = new MqttClientDisconnectOptionsBuilder();
        if (clean)
        {
            options.WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection);
        }

        await _client.DisconnectAsync(options.Build(), cancellationToken).ConfigureAwait(false);
    }

    public bool IsFailure(Exception exception) =>
        exception is MqttCommunicationException or OperationCanceledException or System.Security.Authentication.AuthenticationException or InvalidOperationException or IOException;

    public void Dispose() => _client.Dispose();

    /// <summary>A message as MQTTnet publishes it: QoS 1, retained or not.</summary>
    internal static MqttApplicationMessage ToApplicationMessage(MqttMessage message) =>
        new MqttApplicationMessageBuilder()
            .WithTopic(message.Topic)
            .WithPayload(message.Payload)
            .WithRetainFlag(message.Retain)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();

    internal MqttClientOptions BuildClientOptions()
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_broker.Host, _broker.Port)
            .WithClientId(_topics.Device)
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithCleanSession(true)
            .WithKeepAlivePeriod(KeepAlive)
            .WithTimeout(OperationTimeout)
            .WithWillTopic(_topics.Status)
            .WithWillPayload(_will)
            .WithWillRetain(true)
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (_options.Username is { } user)
        {
            builder.WithCredentials(user, _options.Password ?? "");
        }

        if (_broker.Tls)
        {
            var pinned = _options.CaFile is { } caFile ? LoadCa(caFile) : null;
            builder.WithTlsOptions(tls =>
            {
                tls.UseTls(true).WithTargetHost(_broker.Host);
                if (pinned is not null)
                {
                    tls.WithCertificateValidationHandler(e => ChainsToPinnedCa(e.Certificate, e.SslPolicyErrors, pinned));
                }
            });
        }

        return builder.Build();
    }

    /// <summary>The CA certificates of a PEM file.</summary>
    internal static X509Certificate2Collection LoadCa(string path)
    {
        var collection = new X509Certificate2Collection();
        try
        {
            collection.ImportFromPemFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new MqttConfigurationException("mqtt.caFile", $"'{path}' cannot be read as PEM certificates: {e.Message}");
        }

        return collection.Count > 0 ? collection : throw new MqttConfigurationException("mqtt.caFile", $"'{path}' holds no PEM certificate");
    }

    /// <summary>CA pinning: the broker's certificate must chain to one of <paramref name="pinned"/> and name the host.</summary>
    internal static bool ChainsToPinnedCa(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection pinned)
    {
        if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNotAvailable | SslPolicyErrors.RemoteCertificateNameMismatch)) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(pinned);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(leaf);
    }
}
