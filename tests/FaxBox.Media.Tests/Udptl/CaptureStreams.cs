using FaxBox.Media.Tests.Support;

namespace FaxBox.Media.Tests.Udptl;

/// <summary>The UDPTL streams of the shared Asterisk captures, one per direction.</summary>
public static class CaptureStreams
{
    public static readonly string[] Files = ["asterisk-t38-ecm-1page.pcapng", "asterisk-t38-nonecm-2pages.pcapng"];

    /// <summary>UDPTL ports from the SDP in each capture (m=image lines), both directions.</summary>
    public static (int A, int B) Ports(string file) => file.Contains("nonecm", StringComparison.Ordinal) ? (4378, 4156) : (4398, 4133);

    public static List<UdpDatagram> Direction(string file, int sourcePort)
    {
        (int a, int b) = Ports(file);
        return PcapngReader.ReadUdp(PcapngReader.CapturePath(file))
            .Where(d => d.SourcePort == sourcePort && (d.DestinationPort == a || d.DestinationPort == b))
            .ToList();
    }

    public static IEnumerable<object[]> AllDirections()
    {
        foreach (string file in Files)
        {
            (int a, int b) = Ports(file);
            yield return [file, a];
            yield return [file, b];
        }
    }
}
