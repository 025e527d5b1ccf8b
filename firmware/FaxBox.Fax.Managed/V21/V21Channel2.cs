namespace FaxBox.Fax.Managed.V21;

/// <summary>ITU-T V.21 channel 2, the one T.30 uses for its control frames (V.21 §2 and Table 1).</summary>
internal static class V21Channel2
{
    /// <summary>Modulation rate: 300 bauds = 300 bit/s (V.21 §1).</summary>
    public const int BitRate = 300;

    /// <summary>F_A, binary 1 (mark): 1650 Hz (V.21 Table 1, channel 2 nominal mean 1750 Hz − 100 Hz).</summary>
    public const double MarkHz = 1650;

    /// <summary>F_Z, binary 0 (space): 1850 Hz.</summary>
    public const double SpaceHz = 1850;

    /// <summary>Received line signal detector: "on" above −43 dBm (V.21 §7).</summary>
    public const double CarrierOnDbm0 = -43;

    /// <summary>Received line signal detector: "off" below −48 dBm (V.21 §7).</summary>
    public const double CarrierOffDbm0 = -48;
}
