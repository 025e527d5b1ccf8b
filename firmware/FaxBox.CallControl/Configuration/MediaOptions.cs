using System.Net;

namespace FaxBox.CallControl.Configuration;

/// <summary>Where the gateway's RTP and UDPTL sockets live (JSON <c>media</c>).</summary>
public sealed class MediaOptions
{
    /// <summary>The address media sockets bind to and SDP announces. Default 127.0.0.1 (set the box's LAN address).</summary>
    public IPAddress Address { get; set; } = IPAddress.Loopback;

    /// <summary>The first UDP port of the media range (even). Default 40000.</summary>
    public int PortMin { get; set; } = 40_000;

    /// <summary>The last UDP port of the media range. Default 40999.</summary>
    public int PortMax { get; set; } = 40_999;

    /// <summary>The RTP payload types offered for audio, in order of preference: 0 PCMU, 8 PCMA. Default [0, 8].</summary>
    public List<int> Codecs { get; set; } = [0, 8];

    /// <summary>
    /// A diagnostic impairment: this share (in %) of every call's RTP and UDPTL datagrams is dropped, both ways, by a
    /// relay in front of the box's media sockets (<c>faxbox demo --loss</c>, tests). Never set it on a box in service.
    /// Default 0.
    /// </summary>
    public double SimulatedLossPercent { get; set; }

    /// <summary>Throws <see cref="GatewayConfigurationException"/> naming the wrong setting.</summary>
    public void Validate()
    {
        FaxOptions.Check(PortMin is >= 1024 and <= 65534 && PortMin % 2 == 0, "media", "portMin", "must be an even port from 1024 to 65534");
        FaxOptions.Check(PortMax > PortMin && PortMax <= 65535, "media", "portMax", "must be above portMin and at most 65535");
        FaxOptions.Check(PortMax - PortMin >= 3, "media", "portMax", "the range must hold at least one RTP pair and one UDPTL port");
        FaxOptions.Check(SimulatedLossPercent is >= 0 and <= 50, "media", "simulatedLossPercent", "must be 0 to 50");
        FaxOptions.Check(Codecs.Count > 0 && Codecs.All(c => c is 0 or 8), "media", "codecs", "must list 0 (PCMU) and/or 8 (PCMA): fax needs G.711");
    }
}
