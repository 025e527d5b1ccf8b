namespace FaxBox.CallControl.Configuration;

/// <summary>How the gateway handles fax on a call (JSON <c>fax</c>, and per port <c>ports[n].fax</c>).</summary>
public sealed class FaxOptions
{
    /// <summary>When the box re-INVITEs to T.38. Default <see cref="T38Initiation.OnCedOrPreamble"/>.</summary>
    public T38Initiation T38 { get; set; } = T38Initiation.OnCedOrPreamble;

    /// <summary>Fax tones are looked for this long after the call connects; later tones are taken for voice. Default 30 s.</summary>
    public TimeSpan DetectWindow { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A T.38 re-INVITE with no final answer after this long is treated as refused. Default 5 s (Asterisk's t38timeout).</summary>
    public TimeSpan T38Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>When T.38 is refused or times out, re-INVITE to G.711 PCMU/PCMA with fax adaptations. Default true.</summary>
    public bool FallbackToG711 { get; set; } = true;

    /// <summary>Whether ECM may pass through the T.38 gateway. Default true.</summary>
    public bool Ecm { get; set; } = true;

    /// <summary>The T38FaxVersion the box offers. Default 0 (what every peer speaks).</summary>
    public int T38Version { get; set; }

    /// <summary>T38FaxMaxDatagram the box announces. Default 400.</summary>
    public int MaxDatagram { get; set; } = 400;

    /// <summary>How many earlier control IFPs (indicators, HDLC) each UDPTL packet repeats. Default 4.</summary>
    public int ControlRedundancy { get; set; } = 4;

    /// <summary>How many earlier image IFPs each UDPTL packet repeats. Default 3.</summary>
    public int ImageRedundancy { get; set; } = 3;

    /// <summary>The fixed jitter buffer depth for G.711 fax pass-through. Default 100 ms.</summary>
    public TimeSpan G711JitterBuffer { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>A copy with the same values.</summary>
    public FaxOptions Clone() => (FaxOptions)MemberwiseClone();

    /// <summary>Throws <see cref="ArgumentException"/> naming the wrong setting (its JSON key under <paramref name="path"/>).</summary>
    public void Validate(string path)
    {
        Check(Enum.IsDefined(T38), path, "t38", $"{T38} is not one of never, on-cng, on-ced-or-preamble, accept-only");
        Check(DetectWindow > TimeSpan.Zero, path, "detectWindow", "must be positive");
        Check(T38Timeout > TimeSpan.Zero && T38Timeout <= TimeSpan.FromSeconds(32), path, "t38Timeout", "must be between 0 and 32 s");
        Check(T38Version is >= 0 and <= 3, path, "t38Version", "must be 0 to 3");
        Check(MaxDatagram is >= 100 and <= 1472, path, "maxDatagram", "must be 100 to 1472 bytes");
        Check(ControlRedundancy is >= 0 and <= 7, path, "controlRedundancy", "must be 0 to 7");
        Check(ImageRedundancy is >= 0 and <= 7, path, "imageRedundancy", "must be 0 to 7");
        Check(G711JitterBuffer >= TimeSpan.FromMilliseconds(20) && G711JitterBuffer <= TimeSpan.FromMilliseconds(400), path, "g711JitterBuffer", "must be 20 to 400 ms");
    }

    internal static void Check(bool ok, string path, string key, string reason)
    {
        if (!ok)
        {
            throw new GatewayConfigurationException(path.Length == 0 ? key : $"{path}.{key}", reason);
        }
    }
}
