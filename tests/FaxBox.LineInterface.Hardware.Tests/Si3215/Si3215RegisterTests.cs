using FaxBox.LineInterface.Hardware.Si3215;

namespace FaxBox.LineInterface.Hardware.Tests.Si3215;

public sealed class Si3215RegisterTests
{
    public static TheoryData<string, byte, Func<byte, byte>> RoundTrips => new()
    {
        { "linefeed (64)", 0x77, b => Si3215LinefeedControl.FromByte(b).ToByte() },
        { "PCM mode (1)", 0xB8, b => Si3215PcmMode.FromByte(b).ToByte() },
        { "chip id (0)", 0x3F, b => Si3215ChipId.FromByte(b).ToByte() },
        { "loop status (68)", 0x03, b => Si3215LoopStatus.FromByte(b).ToByte() },
    };

    [Theory]
    [MemberData(nameof(RoundTrips))]
    public void Bitfields_round_trip_every_byte_through_their_mask(string name, byte mask, Func<byte, byte> roundTrip)
    {
        for (var b = 0; b < 256; b++)
        {
            Assert.True((b & mask) == roundTrip((byte)(b & mask)), $"{name}: 0x{b & mask:X2}");
        }
    }

    [Fact]
    public void Audio_gain_round_trips_its_defined_steps()
    {
        foreach (var tx in Enum.GetValues<Si3215AnalogGain>())
        {
            foreach (var rx in Enum.GetValues<Si3215AnalogGain>())
            {
                var gain = new Si3215AudioGain(tx, rx);
                Assert.Equal(gain, Si3215AudioGain.FromByte(gain.ToByte()));
            }
        }

        Assert.Equal(0x05, new Si3215AudioGain(Si3215AnalogGain.Minus3Point5, Si3215AnalogGain.Minus3Point5).ToByte());
    }

    [Fact]
    public void Linefeed_fields_sit_where_the_datasheet_puts_them()
    {
        var control = Si3215LinefeedControl.FromByte(0x41);

        Assert.Equal((Si3215Linefeed.ForwardActive, Si3215Linefeed.Ringing), (control.Requested, control.Actual));
    }

    [Fact]
    public void Pcm_mode_reads_the_part_bit()
    {
        Assert.True(Si3215PcmMode.FromByte(0x88).IsSi3215);
        Assert.Equal(Si3215PcmFormat.MuLaw, Si3215PcmMode.FromByte(0x88).Format);
        Assert.False(Si3215PcmMode.FromByte(0x08).IsSi3215);
    }

    [Fact]
    public void Si3210_indirect_map_is_the_si3215_map_shifted()
    {
        Assert.Equal(7, Si3215IndirectRegister.RingingOscillatorCoefficient.AddressOn(Si3215Variant.Si3215));
        Assert.Equal(20, Si3215IndirectRegister.RingingOscillatorCoefficient.AddressOn(Si3215Variant.Si3210));
        Assert.Equal(13, Si3215IndirectRegister.Oscillator1Coefficient.AddressOn(Si3215Variant.Si3210));
        Assert.Equal(40, Si3215IndirectRegister.CommonModeBiasRinging.AddressOn(Si3215Variant.Si3210));
        Assert.Equal(41, Si3215IndirectRegister.DcDcMinimumVoltage.AddressOn(Si3215Variant.Si3210));
        Assert.Equal(43, Si3215IndirectRegister.LoopClosureThresholdLow.AddressOn(Si3215Variant.Si3210));
    }

    [Theory]
    [InlineData(20, 0x7EFD)] // published 20 Hz value (rounding differs by one)
    [InlineData(25, 0x7E6C)] // DAHDI's TBR21 25 Hz value
    public void Ringing_coefficient_matches_published_values_within_one_lsb(double hz, int published)
        => Assert.InRange(Si3215Ringing.OscillatorCoefficient(hz), published - 1, published + 1);

    [Theory]
    [InlineData(16.0)]
    [InlineData(20.0)]
    [InlineData(25.0)]
    [InlineData(50.0)]
    public void Ringing_frequency_round_trips(double hz)
        => Assert.Equal(hz, Si3215Ringing.FrequencyOf(Si3215Ringing.OscillatorCoefficient(hz)), 1);

    [Fact]
    public void Ringing_amplitude_grows_with_voltage_and_is_near_the_published_default()
    {
        Assert.InRange(Si3215Ringing.Amplitude(20, 65.5), 0x160 - 2, 0x160 + 2); // DAHDI's RING_X 0x160 at 20 Hz
        Assert.True(Si3215Ringing.Amplitude(20, 80) > Si3215Ringing.Amplitude(20, 60));
        Assert.Throws<ArgumentOutOfRangeException>(() => Si3215Ringing.OscillatorCoefficient(5));
    }

    [Theory]
    [InlineData(0.0, 0x4000)]
    [InlineData(-6.0206, 0x2000)]
    [InlineData(6.0, 0x7FB2)]
    public void Digital_gain_is_0x4000_times_the_linear_gain(double db, int expected)
        => Assert.InRange(Si3215Ringing.DigitalGain(db), expected - 1, expected + 1);
}
