using FaxBox.CallControl.Bridging;
using FaxBox.CallControl.Configuration;
using FaxBox.Core.Status;
using Microsoft.Extensions.Logging;

namespace FaxBox.CallControl.Calls;

/// <summary>What every port controller shares: settings, the status board, media, background work and logging.</summary>
internal sealed class GatewayContext(GatewayOptions options, StatusBoard status, ICallMediaFactory media, ILoggerFactory loggers)
{
    private long _sdpSession = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
    private long _faxRecords;

    /// <summary>The options in force (replaced as a whole on a live reload).</summary>
    public GatewayOptions Options { get; set; } = options;

    public StatusBoard Status { get; } = status;

    /// <summary>The signalling clock (SIP timers, the T.38 negotiation timeout).</summary>
    public TimeProvider Time => Status.Time;

    public ICallMediaFactory Media { get; } = media;

    public ILoggerFactory Loggers { get; } = loggers;

    /// <summary>Where faxes the box receives itself go (terminal numbers, FXS store-and-forward); null when no fax service runs.</summary>
    public Terminals.IInboundFaxSink? FaxSink { get; set; }

    public GatewayBackground Background { get; } = new(loggers.CreateLogger<GatewayBackground>());

    /// <summary>Wakes the media clock when work is posted to a port or the terminal calls (see <see cref="Core.MediaWake"/>).</summary>
    public Core.MediaWake Wake { get; } = new();

    /// <summary>
    /// The SDP offer/answer of one call with media at <paramref name="audio"/> and <paramref name="image"/>: the configured
    /// G.711 codecs, and T.38 (accepted when <paramref name="acceptT38"/>, preferred, transferred TCF, UDPTL redundancy and
    /// FEC) up to <paramref name="maxBitRate"/>. Gateway calls and the box's own terminal calls offer alike.
    /// </summary>
    public Sip.Sdp.SdpNegotiator CreateNegotiator(System.Net.IPEndPoint audio, System.Net.IPEndPoint image, FaxOptions fax, bool acceptT38, int maxBitRate) => new(
        new Sip.Sdp.SdpMediaOptions
        {
            Address = audio.Address,
            AudioPort = audio.Port,
            ImagePort = image.Port,
            AudioPayloadTypes = [.. Options.Media.Codecs],
            AcceptT38 = acceptT38,
            PreferT38 = true,
            T38 = new Sip.Sdp.SdpT38Parameters
            {
                Version = fax.T38Version,
                MaxBitRate = maxBitRate,
                RateManagement = Sip.Sdp.T38RateManagement.TransferredTcf,
                MaxBuffer = 2000,
                MaxDatagram = fax.MaxDatagram,
                ErrorCorrection = [Sip.Sdp.T38ErrorCorrection.Redundancy, Sip.Sdp.T38ErrorCorrection.Fec],
            },
            OriginUser = "FaxBox",
        },
        NextSdpSession());

    /// <summary>A fresh SDP o= session id.</summary>
    public ulong NextSdpSession() => (ulong)Interlocked.Increment(ref _sdpSession);

    /// <summary>A unique, time-ordered fax record id.</summary>
    public string NextFaxRecordId() =>
        $"{Status.Time.GetUtcNow():yyyyMMdd'T'HHmmss}-{Interlocked.Increment(ref _faxRecords):D4}";
}
