namespace FaxBox.LineInterface.Hardware.Si3215;

/// <summary>Where an indirect register lives on each ProSLIC variant.</summary>
public static class Si3215IndirectRegisterExtensions
{
    /// <summary>
    /// The indirect address of <paramref name="register"/> on <paramref name="variant"/>. Si3215 numbering is the enum
    /// value; the Si3210 numbers registers 0–27 thirteen higher (its 0–12 are DTMF detector coefficients the Si3215
    /// lacks) and puts DCDC_MIN_V at 41 and LOOP_CLOSE_THRESH_LOW at 43.
    /// </summary>
    public static byte AddressOn(this Si3215IndirectRegister register, Si3215Variant variant) => variant switch
    {
        Si3215Variant.Si3215 => (byte)register,
        Si3215Variant.Si3210 => register switch
        {
            Si3215IndirectRegister.DcDcMinimumVoltage => 41,
            Si3215IndirectRegister.LoopClosureThresholdLow => 43,
            _ when (byte)register <= 27 => (byte)((byte)register + 13),
            _ => throw new ArgumentOutOfRangeException(nameof(register), register, "no Si3210 address known for this register"),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(variant), variant, null),
    };
}
