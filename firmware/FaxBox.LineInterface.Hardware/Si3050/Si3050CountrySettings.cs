namespace FaxBox.LineInterface.Hardware.Si3050;

/// <summary>
/// The country-dependent DAA settings (the Si3050 datasheet's "Country-Specific Register Settings" table; the same rows
/// DAHDI ships as fxo_modes). They are the Si3050's equivalents of the older DAAs' ACT (AC termination) and DCT (DC
/// termination) fields: ACIM is the AC termination, DCV/MINI/ILIM the DC termination.
/// </summary>
/// <param name="Country">ISO 3166 code (UK for GB, as the region table uses).</param>
/// <param name="Ohs">Register 16 bit 6, on-hook speed.</param>
/// <param name="Ohs2">Register 31 bit 3, on-hook speed 2 (with OHS: 3 ms ETSI, 26 ms Australian spark quenching).</param>
/// <param name="Rz">Register 16 bit 1, synthesised ringer impedance.</param>
/// <param name="Rt">Register 16 bit 0, ringer threshold.</param>
/// <param name="Ilim">Register 26 bit 1, 60 mA current limit (TBR21).</param>
/// <param name="Dcv">Register 26 bits 7:6, TIP/RING voltage adjust.</param>
/// <param name="Mini">Register 26 bits 5:4, minimum operating loop current.</param>
/// <param name="Acim">Register 30 bits 3:0, AC termination.</param>
public sealed record Si3050CountrySettings(string Country, bool Ohs, bool Ohs2, bool Rz, bool Rt, bool Ilim, byte Dcv, byte Mini, Si3050AcTermination Acim)
{
    private static readonly Si3050CountrySettings[] Table =
    [
        new("US", Ohs: false, Ohs2: false, Rz: false, Rt: false, Ilim: false, Dcv: 3, Mini: 0, Si3050AcTermination.Ohms600),
        new("UK", Ohs: false, Ohs2: true, Rz: false, Rt: false, Ilim: true, Dcv: 3, Mini: 0, Si3050AcTermination.Ohms320Plus1050Parallel230nF),
        new("DE", Ohs: false, Ohs2: true, Rz: false, Rt: false, Ilim: true, Dcv: 3, Mini: 0, Si3050AcTermination.Ohms220Plus820Parallel120nF),
        new("FR", Ohs: false, Ohs2: true, Rz: false, Rt: false, Ilim: true, Dcv: 3, Mini: 0, Si3050AcTermination.Tbr21),
        new("IT", Ohs: false, Ohs2: true, Rz: false, Rt: false, Ilim: true, Dcv: 3, Mini: 0, Si3050AcTermination.Tbr21),
        new("NL", Ohs: false, Ohs2: true, Rz: false, Rt: false, Ilim: true, Dcv: 3, Mini: 0, Si3050AcTermination.Tbr21),
        new("AU", Ohs: true, Ohs2: false, Rz: false, Rt: false, Ilim: false, Dcv: 0, Mini: 3, Si3050AcTermination.Ohms220Plus820Parallel120nF),
        new("JP", Ohs: false, Ohs2: false, Rz: false, Rt: false, Ilim: false, Dcv: 0, Mini: 3, Si3050AcTermination.Ohms600),
    ];

    /// <summary>Country codes with settings.</summary>
    public static IEnumerable<string> Countries => Table.Select(t => t.Country);

    /// <summary>The settings for a region code (case-insensitive; GB is UK); throws naming the supported codes.</summary>
    public static Si3050CountrySettings For(string country)
    {
        ArgumentException.ThrowIfNullOrEmpty(country);
        var code = country.Equals("GB", StringComparison.OrdinalIgnoreCase) ? "UK" : country.ToUpperInvariant();
        return Array.Find(Table, t => t.Country == code)
            ?? throw new ArgumentException($"no Si3050 country settings for \"{country}\" (have {string.Join(", ", Countries)})", nameof(country));
    }

    /// <summary>Register 16 (OHS, RZ, RT); IIRE stays 0 (FIR filters).</summary>
    public byte InternationalControl1 => (byte)((Ohs ? 0x40 : 0) | (Rz ? 0x02 : 0) | (Rt ? 0x01 : 0));

    /// <summary>Register 26 (DCV, MINI, ILIM); DCR stays 0.</summary>
    public byte DcTermination => (byte)(((Dcv & 0x3) << 6) | ((Mini & 0x3) << 4) | (Ilim ? 0x02 : 0));

    /// <summary>Register 30.</summary>
    public byte AcTermination => (byte)Acim;
}
