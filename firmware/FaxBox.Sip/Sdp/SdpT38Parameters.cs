using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace FaxBox.Sip.Sdp;

/// <summary>
/// The T.38 attributes of an image/udptl/t38 stream (ITU-T T.38 Annex D §D.2.3, RFC 7345 §5). Names are read
/// case-insensitively (vendors write T38MaxBitrate, T38FaxUdpEc); a boolean without a value is true, ":0" false.
/// Attributes the model does not know (T38FaxMaxIFP, vendor ones) are kept in <see cref="Other"/>.
/// </summary>
public sealed record SdpT38Parameters
{
    /// <summary>T38FaxVersion 0–3. Default 0 (what every peer speaks).</summary>
    public int Version { get; init; }

    /// <summary>T38MaxBitRate in bit/s, null when absent. Default 14400 in the box's own offers.</summary>
    public int? MaxBitRate { get; init; }

    public T38RateManagement RateManagement { get; init; } = T38RateManagement.TransferredTcf;

    /// <summary>T38FaxMaxBuffer: octets of the sender's receive buffer, null when absent.</summary>
    public int? MaxBuffer { get; init; }

    /// <summary>T38FaxMaxDatagram: the largest UDPTL datagram the sender of this SDP accepts, null when absent.</summary>
    public int? MaxDatagram { get; init; }

    /// <summary>Every T38FaxUdpEC offered (a peer may list redundancy and FEC on two lines).</summary>
    public IReadOnlyList<T38ErrorCorrection> ErrorCorrection { get; init; } = [];

    public bool FillBitRemoval { get; init; }

    public bool TranscodingMmr { get; init; }

    public bool TranscodingJbig { get; init; }

    /// <summary>T.38 attributes not modelled above, kept as read.</summary>
    public IReadOnlyList<SdpAttribute> Other { get; init; } = [];

    /// <summary>The first error-correction scheme listed (or None).</summary>
    public T38ErrorCorrection PreferredErrorCorrection => ErrorCorrection.Count > 0 ? ErrorCorrection[0] : T38ErrorCorrection.None;

    /// <summary>Reads the T.38 attributes from a media description's a= lines (or AudioCodes' a=fmtp "Name=Value" lines).</summary>
    public static bool TryParse(IEnumerable<SdpAttribute> attributes, [NotNullWhen(true)] out SdpT38Parameters? parameters, [NotNullWhen(false)] out string? error)
    {
        parameters = null;
        var result = new SdpT38Parameters();
        var ec = new List<T38ErrorCorrection>();
        var other = new List<SdpAttribute>();
        foreach (var attribute in attributes)
        {
            var name = attribute.Name;
            var value = attribute.Value?.Trim();
            if (!name.StartsWith("T38", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            switch (name.ToUpperInvariant())
            {
                case "T38FAXVERSION":
                    if (!TryInt(value, 0, 3, out var version))
                    {
                        error = $"T38FaxVersion '{value}' is not 0–3";
                        return false;
                    }

                    result = result with { Version = version };
                    break;
                case "T38MAXBITRATE":
                    if (!TryInt(value, 0, 33600, out var rate))
                    {
                        error = $"T38MaxBitRate '{value}' is not a bit rate";
                        return false;
                    }

                    result = result with { MaxBitRate = rate };
                    break;
                case "T38FAXRATEMANAGEMENT":
                    if (string.Equals(value, "transferredTCF", StringComparison.OrdinalIgnoreCase))
                    {
                        result = result with { RateManagement = T38RateManagement.TransferredTcf };
                    }
                    else if (string.Equals(value, "localTCF", StringComparison.OrdinalIgnoreCase))
                    {
                        result = result with { RateManagement = T38RateManagement.LocalTcf };
                    }
                    else
                    {
                        error = $"T38FaxRateManagement '{value}' is neither transferredTCF nor localTCF";
                        return false;
                    }

                    break;
                case "T38FAXMAXBUFFER":
                    if (!TryInt(value, 1, 1 << 20, out var buffer))
                    {
                        error = $"T38FaxMaxBuffer '{value}' is not a size";
                        return false;
                    }

                    result = result with { MaxBuffer = buffer };
                    break;
                case "T38FAXMAXDATAGRAM":
                    if (!TryInt(value, 1, 65535, out var datagram))
                    {
                        error = $"T38FaxMaxDatagram '{value}' is not a size";
                        return false;
                    }

                    result = result with { MaxDatagram = datagram };
                    break;
                case "T38FAXUDPEC":
                    if (string.Equals(value, "t38UDPRedundancy", StringComparison.OrdinalIgnoreCase))
                    {
                        ec.Add(T38ErrorCorrection.Redundancy);
                    }
                    else if (string.Equals(value, "t38UDPFEC", StringComparison.OrdinalIgnoreCase))
                    {
                        ec.Add(T38ErrorCorrection.Fec);
                    }
                    else if (!string.Equals(value, "t38UDPNoEC", StringComparison.OrdinalIgnoreCase))
                    {
                        error = $"T38FaxUdpEC '{value}' is not t38UDPRedundancy, t38UDPFEC or t38UDPNoEC";
                        return false;
                    }

                    break;
                case "T38FAXFILLBITREMOVAL":
                    result = result with { FillBitRemoval = Flag(value) };
                    break;
                case "T38FAXTRANSCODINGMMR":
                    result = result with { TranscodingMmr = Flag(value) };
                    break;
                case "T38FAXTRANSCODINGJBIG":
                    result = result with { TranscodingJbig = Flag(value) };
                    break;
                default:
                    other.Add(attribute);
                    break;
            }
        }

        parameters = result with { ErrorCorrection = ec, Other = other };
        error = null;
        return true;
    }

    /// <summary>The a= lines in the usual order; booleans only when true (presence means true, T.38 Annex D).</summary>
    public IEnumerable<SdpAttribute> ToAttributes()
    {
        yield return new SdpAttribute("T38FaxVersion", Version.ToString(CultureInfo.InvariantCulture));
        if (MaxBitRate is { } rate)
        {
            yield return new SdpAttribute("T38MaxBitRate", rate.ToString(CultureInfo.InvariantCulture));
        }

        if (FillBitRemoval)
        {
            yield return new SdpAttribute("T38FaxFillBitRemoval");
        }

        if (TranscodingMmr)
        {
            yield return new SdpAttribute("T38FaxTranscodingMMR");
        }

        if (TranscodingJbig)
        {
            yield return new SdpAttribute("T38FaxTranscodingJBIG");
        }

        yield return new SdpAttribute("T38FaxRateManagement", RateManagement == T38RateManagement.TransferredTcf ? "transferredTCF" : "localTCF");
        if (MaxBuffer is { } buffer)
        {
            yield return new SdpAttribute("T38FaxMaxBuffer", buffer.ToString(CultureInfo.InvariantCulture));
        }

        if (MaxDatagram is { } datagram)
        {
            yield return new SdpAttribute("T38FaxMaxDatagram", datagram.ToString(CultureInfo.InvariantCulture));
        }

        foreach (var ec in ErrorCorrection)
        {
            yield return new SdpAttribute("T38FaxUdpEC", ec == T38ErrorCorrection.Fec ? "t38UDPFEC" : "t38UDPRedundancy");
        }
    }

    private static bool Flag(string? value) => value is null || value.Length == 0 || value != "0";

    private static bool TryInt(string? value, int min, int max, out int number) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number >= min && number <= max;
}
