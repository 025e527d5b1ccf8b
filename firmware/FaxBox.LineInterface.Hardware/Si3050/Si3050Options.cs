namespace FaxBox.LineInterface.Hardware.Si3050;

/// <summary>Settings of one Si3050 FXO port.</summary>
public sealed class Si3050Options
{
    /// <summary>Region code for the country settings (see <see cref="Si3050CountrySettings"/>). Default "US".</summary>
    public string Country { get; set; } = "US";

    /// <summary>Billing-tone protection (register 17 BTE): on a 12/16 kHz metering pulse the DAA rides through instead of dropping the call. Default true.</summary>
    public bool BillingToneProtection { get; set; } = true;

    /// <summary>PCM timeslot (16-bit slots after FSYNC). Default 1 (slot 0 is the FXS port on the reference HAT).</summary>
    public int PcmTimeslot { get; set; } = 1;

    /// <summary>PCLK cycles added to the slot's start count. Default 0.</summary>
    public int PcmBitOffset { get; set; }

    /// <summary>How long the line side may take to link over the isolation capacitor after power-up. Default 500 ms.</summary>
    public TimeSpan LineSideTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Interval between status polls during bring-up. Default 10 ms.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Throws naming the option that is out of range.</summary>
    public void Validate()
    {
        _ = Si3050CountrySettings.For(Country);
        if (PcmTimeslot is < 0 or >= 64 || PcmBitOffset is < 0 or >= 16)
        {
            throw new ArgumentOutOfRangeException(nameof(PcmTimeslot), "Si3050Options.PcmTimeslot must be 0–63 and PcmBitOffset 0–15");
        }

        if (PollInterval <= TimeSpan.Zero || LineSideTimeout <= PollInterval)
        {
            throw new ArgumentOutOfRangeException(nameof(PollInterval), "Si3050Options.PollInterval must be positive and shorter than LineSideTimeout");
        }
    }
}
