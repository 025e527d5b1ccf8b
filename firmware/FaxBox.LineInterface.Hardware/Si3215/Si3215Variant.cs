namespace FaxBox.LineInterface.Hardware.Si3215;

/// <summary>The two ProSLIC parts this driver runs.</summary>
public enum Si3215Variant
{
    /// <summary>Si3215: no DTMF decoder or FSK generator; compact indirect register map.</summary>
    Si3215,

    /// <summary>Si3210: adds a DTMF decoder and FSK generator (unused here); indirect registers 13 places higher.</summary>
    Si3210,
}
