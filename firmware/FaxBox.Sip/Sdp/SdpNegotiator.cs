using System.Globalization;
using System.Net;

namespace FaxBox.Sip.Sdp;

/// <summary>
/// Offer/answer for one call (RFC 3264) with the T.38 rules of ITU-T T.38 Annex D: audio (PCMU, PCMA,
/// telephone-event) and image/udptl/t38, one active stream at a time; port-0 streams rejected; hold directions mirrored;
/// the o= version goes up only when the description changes (a session refresh re-sends it unchanged, RFC 4028 §7.4).
/// </summary>
public sealed class SdpNegotiator
{
    private readonly SdpMediaOptions _options;
    private readonly string _sessionId;
    private ulong _version;
    private string? _lastBody;

    public SdpNegotiator(SdpMediaOptions options, ulong sessionId)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _sessionId = sessionId.ToString(CultureInfo.InvariantCulture);
        _version = sessionId;
    }

    /// <summary>The last description the box sent (offer or answer): what a session refresh re-sends unchanged.</summary>
    public SdpSessionDescription? LastLocal { get; private set; }

    /// <summary>An offer for audio, for T.38, or (<paramref name="alsoT38"/>) audio and image lines together.</summary>
    public SdpSessionDescription CreateOffer(SdpMediaKind kind, SdpDirection direction = SdpDirection.SendRecv, bool alsoT38 = false)
    {
        var sdp = NewDescription();
        if (kind == SdpMediaKind.Audio)
        {
            sdp.Media.Add(AudioMedia(_options.AudioPayloadTypes.Select(p => p.ToString(CultureInfo.InvariantCulture)), _options.TelephoneEventPayloadType.ToString(CultureInfo.InvariantCulture), direction));
        }

        if (kind == SdpMediaKind.T38 || alsoT38)
        {
            sdp.Media.Add(ImageMedia(_options.T38, direction));
        }

        return Stamp(sdp);
    }

    /// <summary>Answers <paramref name="offer"/>: the same m-lines in the same order, the chosen stream with a port, the rest with port 0.</summary>
    public SdpAnswer CreateAnswer(SdpSessionDescription offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var answer = NewDescription();
        var chosen = ChooseStream(offer, out var reason);
        SdpMediaSession session = None;
        for (var i = 0; i < offer.Media.Count; i++)
        {
            var m = offer.Media[i];
            if (i != chosen)
            {
                answer.Media.Add(new SdpMediaDescription(m.Media, 0, m.Protocol, m.Formats));
                continue;
            }

            var (direction, remote) = Mirror(offer, m);
            if (m.IsT38)
            {
                var t38 = NegotiateT38(m.GetT38(out _)!);
                var local = _options.T38 with
                {
                    Version = t38.Version,
                    MaxBitRate = t38.MaxBitRate,
                    RateManagement = t38.RateManagement,
                    ErrorCorrection = t38.ErrorCorrection == T38ErrorCorrection.None ? [] : [t38.ErrorCorrection],
                    FillBitRemoval = false,
                    TranscodingMmr = false,
                    TranscodingJbig = false,
                };
                answer.Media.Add(ImageMedia(local, direction));
                session = new SdpMediaSession(SdpMediaKind.T38, remote, -1, -1, direction, t38);
            }
            else
            {
                var pt = m.Formats.First(f => IsAcceptedAudio(m, f));
                var te = m.Formats.Find(f => m.RtpMap(f)?.StartsWith("telephone-event/", StringComparison.OrdinalIgnoreCase) == true);
                answer.Media.Add(AudioMedia([pt], te, direction));
                session = new SdpMediaSession(SdpMediaKind.Audio, remote, int.Parse(pt, CultureInfo.InvariantCulture), te is null ? -1 : int.Parse(te, CultureInfo.InvariantCulture), direction, null);
            }
        }

        return new SdpAnswer(Stamp(answer), session, chosen < 0 ? reason : null);
    }

    /// <summary>Reads the peer's answer to the box's <paramref name="offer"/>: the stream it accepted and the agreed settings.</summary>
    public SdpMediaSession ReadAnswer(SdpSessionDescription offer, SdpSessionDescription answer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(answer);
        if (answer.Media.Count != offer.Media.Count)
        {
            return None;
        }

        for (var i = 0; i < answer.Media.Count; i++)
        {
            var m = answer.Media[i];
            if (m.IsRejected)
            {
                continue;
            }

            var remote = Remote(answer, m);
            var direction = Flip(m.Direction);
            if (m.IsT38 && offer.Media[i].IsT38)
            {
                var theirs = m.GetT38(out _) ?? new SdpT38Parameters();
                var ours = _options.T38;
                var t38 = new T38Session(
                    Math.Min(theirs.Version, ours.Version),
                    Math.Min(theirs.MaxBitRate ?? ours.MaxBitRate ?? 14400, ours.MaxBitRate ?? 14400),
                    theirs.RateManagement,
                    theirs.PreferredErrorCorrection,
                    theirs.MaxDatagram,
                    theirs.MaxBuffer,
                    false);
                return new SdpMediaSession(SdpMediaKind.T38, remote, -1, -1, direction, t38);
            }

            if (m.IsAudio)
            {
                var pt = m.Formats.Find(f => IsAcceptedAudio(m, f));
                if (pt is null)
                {
                    continue;
                }

                var te = m.Formats.Find(f => m.RtpMap(f)?.StartsWith("telephone-event/", StringComparison.OrdinalIgnoreCase) == true);
                return new SdpMediaSession(SdpMediaKind.Audio, remote, int.Parse(pt, CultureInfo.InvariantCulture), te is null ? -1 : int.Parse(te, CultureInfo.InvariantCulture), direction, null);
            }
        }

        return None;
    }

    /// <summary>
    /// The T.38 answer rules: the lower version and bit rate, the offer's rate management, redundancy when offered
    /// (else FEC when that is all the peer offers), no fill-bit removal or transcoding, and the peer's datagram size kept.
    /// </summary>
    public T38Session NegotiateT38(SdpT38Parameters offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var ours = _options.T38;
        var ec = offer.ErrorCorrection.Contains(T38ErrorCorrection.Redundancy) ? T38ErrorCorrection.Redundancy
            : offer.ErrorCorrection.Contains(T38ErrorCorrection.Fec) ? T38ErrorCorrection.Fec
            : T38ErrorCorrection.None;
        return new T38Session(
            Math.Min(offer.Version, ours.Version),
            Math.Min(offer.MaxBitRate is > 0 and var r ? r : 14400, ours.MaxBitRate ?? 14400),
            offer.RateManagement,
            ec,
            offer.MaxDatagram,
            offer.MaxBuffer,
            false);
    }

    private static SdpMediaSession None { get; } = new(SdpMediaKind.None, null, -1, -1, SdpDirection.Inactive, null);

    private int ChooseStream(SdpSessionDescription offer, out string reason)
    {
        var t38 = -1;
        var audio = -1;
        reason = "no acceptable stream: need PCMU/PCMA audio or image/udptl/t38";
        for (var i = 0; i < offer.Media.Count; i++)
        {
            var m = offer.Media[i];
            if (m.IsRejected)
            {
                continue;
            }

            if (m.IsT38 && _options.AcceptT38 && t38 < 0)
            {
                if (m.GetT38(out var error) is null)
                {
                    reason = $"malformed T.38 attributes: {error}";
                    continue;
                }

                t38 = i;
            }
            else if (m.IsAudio && audio < 0 && m.Formats.Exists(f => IsAcceptedAudio(m, f)))
            {
                audio = i;
            }
        }

        return t38 >= 0 && (_options.PreferT38 || audio < 0) ? t38 : audio;
    }

    private bool IsAcceptedAudio(SdpMediaDescription m, string format)
    {
        var map = m.RtpMap(format);
        foreach (var pt in _options.AudioPayloadTypes)
        {
            var name = pt switch { 0 => "PCMU/8000", 8 => "PCMA/8000", _ => null };
            if (name is not null && map is not null && (map.Equals(name, StringComparison.OrdinalIgnoreCase) || map.StartsWith(name + "/", StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }

    private static (SdpDirection Direction, IPEndPoint? Remote) Mirror(SdpSessionDescription offer, SdpMediaDescription m)
    {
        var remote = Remote(offer, m);
        var direction = Flip(m.Direction);
        if (remote is null && direction == SdpDirection.SendRecv)
        {
            direction = SdpDirection.RecvOnly;
        }

        return (direction, remote);
    }

    /// <summary>The answerer's direction for an offered one (RFC 3264 §6.1).</summary>
    private static SdpDirection Flip(SdpDirection offered) => offered switch
    {
        SdpDirection.SendOnly => SdpDirection.RecvOnly,
        SdpDirection.RecvOnly => SdpDirection.SendOnly,
        _ => offered,
    };

    private static IPEndPoint? Remote(SdpSessionDescription sdp, SdpMediaDescription m)
    {
        var c = sdp.ConnectionFor(m);
        if (c is null || c.IsHold || m.Port == 0 || !IPAddress.TryParse(c.Address, out var address))
        {
            return null;
        }

        return new IPEndPoint(address, m.Port);
    }

    private SdpSessionDescription NewDescription()
    {
        var origin = new SdpOrigin(_options.OriginUser, _sessionId, _version, "IN", AddressType, _options.Address.ToString());
        return new SdpSessionDescription(origin, _options.OriginUser)
        {
            Connection = SdpConnection.ForAddress(_options.Address),
        };
    }

    private string AddressType => _options.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "IP6" : "IP4";

    /// <summary>Sets the o= version: unchanged when the description is the one sent last, else one higher (RFC 3264 §8).</summary>
    private SdpSessionDescription Stamp(SdpSessionDescription sdp)
    {
        var body = sdp.ToString();
        body = body[body.IndexOf("\r\ns=", StringComparison.Ordinal)..];
        if (_lastBody is not null && body != _lastBody)
        {
            _version++;
        }

        _lastBody = body;
        sdp.Origin = sdp.Origin with { SessionVersion = _version };
        LastLocal = sdp;
        return sdp;
    }

    private SdpMediaDescription AudioMedia(IEnumerable<string> payloadTypes, string? telephoneEvent, SdpDirection direction)
    {
        var formats = payloadTypes.ToList();
        if (telephoneEvent is not null)
        {
            formats.Add(telephoneEvent);
        }

        var m = new SdpMediaDescription("audio", _options.AudioPort, "RTP/AVP", formats);
        foreach (var f in formats)
        {
            var name = f == telephoneEvent ? "telephone-event/8000" : f == "0" ? "PCMU/8000" : f == "8" ? "PCMA/8000" : null;
            if (name is not null)
            {
                m.Attributes.Add(new SdpAttribute("rtpmap", $"{f} {name}"));
            }
        }

        if (telephoneEvent is not null)
        {
            m.Attributes.Add(new SdpAttribute("fmtp", $"{telephoneEvent} 0-15"));
        }

        m.Attributes.Add(new SdpAttribute("ptime", "20"));
        m.Direction = direction;
        return m;
    }

    private SdpMediaDescription ImageMedia(SdpT38Parameters parameters, SdpDirection direction)
    {
        var m = new SdpMediaDescription("image", _options.ImagePort, "udptl", ["t38"]);
        m.Attributes.AddRange(parameters.ToAttributes());
        if (direction != SdpDirection.SendRecv)
        {
            m.Direction = direction;
        }

        return m;
    }
}
