using System.Net;

namespace FaxBox.Sip.Sdp;

/// <summary>What the box offers and accepts in SDP for one call: its media address and ports and its codec and T.38 settings.</summary>
public sealed class SdpMediaOptions
{
    /// <summary>The address written in c= and o=. Default 127.0.0.1 (set it to the media socket's address).</summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>RTP port of the audio stream.</summary>
    public int AudioPort { get; init; }

    /// <summary>UDPTL port of the T.38 stream.</summary>
    public int ImagePort { get; init; }

    /// <summary>Static payload types accepted, in preference order. Default PCMU (0), PCMA (8) (RFC 3551).</summary>
    public IReadOnlyList<int> AudioPayloadTypes { get; init; } = [0, 8];

    /// <summary>The dynamic payload type offered for telephone-event (RFC 4733). Default 101.</summary>
    public int TelephoneEventPayloadType { get; init; } = 101;

    /// <summary>Whether T.38 is accepted at all. Default true.</summary>
    public bool AcceptT38 { get; init; } = true;

    /// <summary>When an offer carries both audio and image, answer with image (T.38) and reject audio. Default true.</summary>
    public bool PreferT38 { get; init; } = true;

    /// <summary>
    /// The box's T.38 attributes: version 0, 14400 bit/s, transferredTCF, MaxBuffer 2000, MaxDatagram 400 (what the box
    /// receives), redundancy.
    /// </summary>
    public SdpT38Parameters T38 { get; init; } = new()
    {
        Version = 0,
        MaxBitRate = 14400,
        RateManagement = T38RateManagement.TransferredTcf,
        MaxBuffer = 2000,
        MaxDatagram = 400,
        ErrorCorrection = [T38ErrorCorrection.Redundancy],
    };

    /// <summary>o= user name. Default "FaxBox".</summary>
    public string OriginUser { get; init; } = "FaxBox";
}
