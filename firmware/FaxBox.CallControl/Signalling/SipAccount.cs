using System.Net;
using FaxBox.CallControl.Configuration;
using FaxBox.Core.Status;
using FaxBox.Sip.Auth;
using FaxBox.Sip.Calls;
using FaxBox.Sip.Dns;
using FaxBox.Sip.Messages;
using FaxBox.Sip.Registration;
using FaxBox.Sip.Transactions;
using FaxBox.Sip.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FaxBox.CallControl.Signalling;

/// <summary>
/// One SIP account of the gateway: its own UDP socket, transaction layer and user agent (as ATAs run one SIP port per
/// line account), and its registration when it registers. Publishes its registration state to the status board.
/// </summary>
internal sealed class SipAccount : IAsyncDisposable
{
    private readonly StatusBoard _status;
    private readonly UdpSipTransport _transport;
    private readonly SipRegistration? _registration;

    private SipAccount(SipAccountSettings settings, UdpSipTransport transport, SipTransactionLayer layer, SipUserAgent ua, SipRegistration? registration, StatusBoard status)
    {
        Settings = settings;
        _transport = transport;
        Layer = layer;
        UserAgent = ua;
        _registration = registration;
        _status = status;
    }

    /// <summary>The account's settings.</summary>
    public SipAccountSettings Settings { get; }

    /// <summary>The account's name.</summary>
    public string Name => Settings.Name;

    /// <summary>The transaction layer.</summary>
    public SipTransactionLayer Layer { get; }

    /// <summary>The account's user agent.</summary>
    public SipUserAgent UserAgent { get; }

    /// <summary>Where the account's SIP socket is bound.</summary>
    public IPEndPoint LocalEndPoint => _transport.LocalEndPoint.Address;

    /// <summary>Binds the account's socket and builds its stack (not started: subscribe to calls, then <see cref="Start"/>).</summary>
    public static SipAccount Create(SipAccountSettings settings, IDnsClient dns, TimeSpan t1, StatusBoard status, ILoggerFactory? loggers, Core.Capture.PacketTap? tap = null)
    {
        loggers ??= NullLoggerFactory.Instance;
        var transport = UdpSipTransport.Bind(new IPEndPoint(settings.ListenAddress, settings.Port), tap: tap);
        var layer = new SipTransactionLayer([transport], TimeProvider.System, new SipTimerOptions { T1 = t1 }, loggers.CreateLogger<SipTransactionLayer>());
        var locator = new SipServerLocator(dns, logger: loggers.CreateLogger<SipServerLocator>());
        var credentials = string.IsNullOrEmpty(settings.Password) ? null : new DigestCredentials(settings.AuthUsername ?? settings.Username, settings.Password);
        var ua = new SipUserAgent(layer, locator, new SipUserAgentOptions
        {
            User = settings.Username,
            Domain = settings.Domain,
            Credentials = credentials,
            OutboundProxy = ParseProxy(settings.OutboundProxy),
        }, loggers.CreateLogger<SipUserAgent>());
        SipRegistration? registration = null;
        if (settings.Register)
        {
            registration = new SipRegistration(
                new SipAccountOptions
                {
                    Username = settings.Username,
                    AuthUsername = settings.AuthUsername,
                    Password = settings.Password,
                    Domain = settings.Domain!,
                    Registrar = settings.Registrar,
                    OutboundProxy = settings.OutboundProxy,
                    Transport = settings.Transport,
                    Expires = settings.Expires,
                },
                new SipTransactionRequestSender(layer),
                locator,
                logger: loggers.CreateLogger<SipRegistration>());
        }

        return new SipAccount(settings, transport, layer, ua, registration, status);
    }

    /// <summary>Starts receiving and, when the account registers, the registration loop.</summary>
    public void Start()
    {
        Layer.Start();
        var aor = $"sip:{Settings.Username}@{Settings.Domain ?? LocalEndPoint.ToString()}";
        if (_registration is null)
        {
            _status.SetRegistration(new RegistrationStatus(Name, aor, "none", null, null, null));
            return;
        }

        _registration.Subscribe((s, _) =>
        {
            _status.SetRegistration(new RegistrationStatus(Name, s.AddressOfRecord, s.State.ToString().ToLowerInvariant(), s.ExpiresAt, s.LastStatusCode, s.Reason));
            return ValueTask.CompletedTask;
        });
        _status.SetRegistration(new RegistrationStatus(Name, _registration.AddressOfRecord, "registering", null, null, null));
        _registration.Start();
    }

    /// <summary>The Request-URI for <paramref name="destination"/>: a SIP URI as given, else <c>sip:DIGITS@target</c>.</summary>
    public SipUri TargetFor(string destination)
    {
        if (destination.StartsWith("sip:", StringComparison.OrdinalIgnoreCase))
        {
            return SipUri.Parse(destination);
        }

        var target = Settings.EffectiveTarget ?? throw new InvalidOperationException(
            $"account '{Name}' has no target, domain or registrar to send '{destination}' to");
        var colon = target.LastIndexOf(':');
        return colon > 0 && int.TryParse(target.AsSpan(colon + 1), out var port)
            ? new SipUri("sip", destination, target[..colon], port)
            : new SipUri("sip", destination, target);
    }

    /// <summary>Unregisters (bounded), then closes the stack.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_registration is not null)
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await _registration.UnregisterAsync(limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The registrar did not answer in time; the binding expires by itself.
            }

            await _registration.DisposeAsync().ConfigureAwait(false);
        }

        await UserAgent.DisposeAsync().ConfigureAwait(false);
        await _transport.DisposeAsync().ConfigureAwait(false);
    }

    private static SipEndPoint? ParseProxy(string? proxy)
    {
        if (string.IsNullOrWhiteSpace(proxy))
        {
            return null;
        }

        return IPEndPoint.TryParse(proxy, out var ep)
            ? new SipEndPoint(SipTransportProtocol.Udp, ep.Port == 0 ? new IPEndPoint(ep.Address, 5060) : ep)
            : throw new GatewayConfigurationException("sip.accounts[].outboundProxy", $"'{proxy}' must be an IP address[:port]");
    }
}
