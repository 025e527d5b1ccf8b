namespace FaxBox.Fax;

/// <summary>Image-data modems a T.30 terminal or T.38 gateway may offer or use (ITU-T T.30 Table 2, DIS bits 11–14).</summary>
[Flags]
public enum FaxModems
{
    /// <summary>No modem (not a valid configuration).</summary>
    None = 0,

    /// <summary>ITU-T V.27ter: 2400 and 4800 bit/s.</summary>
    V27ter = 1,

    /// <summary>ITU-T V.29: 7200 and 9600 bit/s.</summary>
    V29 = 2,

    /// <summary>ITU-T V.17: 7200 to 14400 bit/s with trellis coding.</summary>
    V17 = 4,

    /// <summary>The G3 set: V.27ter, V.29 and V.17.</summary>
    All = V27ter | V29 | V17,
}
