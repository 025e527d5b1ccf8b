namespace FaxBox.LineInterface.Hardware.Si3215;

/// <summary>Analog gain step of register 9 (per direction, two bits).</summary>
public enum Si3215AnalogGain : byte
{
    /// <summary>00: 0 dB.</summary>
    Zero = 0,

    /// <summary>01: −3.5 dB.</summary>
    Minus3Point5 = 1,

    /// <summary>10: +3.5 dB.</summary>
    Plus3Point5 = 2,
}

/// <summary>Register 9, audio gain control: ATX (bits 3:2, transmit = line to PCM) and ARX (bits 1:0, receive = PCM to line).</summary>
public readonly record struct Si3215AudioGain(Si3215AnalogGain Transmit, Si3215AnalogGain Receive)
{
    public static Si3215AudioGain FromByte(byte value) => new((Si3215AnalogGain)((value >> 2) & 0x03), (Si3215AnalogGain)(value & 0x03));

    public byte ToByte() => (byte)(((byte)Transmit << 2) | (byte)Receive);
}
