namespace FaxBox.LineInterface.Hardware.Si3215;

/// <summary>Register 1, PCM mode select.</summary>
/// <param name="Enabled">PCME (bit 5): PCM transfers on.</param>
/// <param name="Format">PCMF (bits 4:3).</param>
/// <param name="IsSi3215">Bit 7: reads 1 on an Si3215 and 0 on an Si3210 (how DAHDI's wctdm tells them apart; write it back unchanged).</param>
public readonly record struct Si3215PcmMode(bool Enabled, Si3215PcmFormat Format, bool IsSi3215)
{
    public static Si3215PcmMode FromByte(byte value) => new((value & 0x20) != 0, (Si3215PcmFormat)((value >> 3) & 0x03), (value & 0x80) != 0);

    public byte ToByte() => (byte)((IsSi3215 ? 0x80 : 0) | (Enabled ? 0x20 : 0) | ((byte)Format << 3));
}
