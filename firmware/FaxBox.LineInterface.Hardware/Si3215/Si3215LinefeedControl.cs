namespace FaxBox.LineInterface.Hardware.Si3215;

/// <summary>Register 64: LF[2:0] (bits 2:0, the state asked for) and LFS[2:0] (bits 6:4, the state in force).</summary>
/// <param name="Requested">LF: the state written.</param>
/// <param name="Actual">LFS: the state the chip is in (differs briefly after a change, or after an automatic ring trip).</param>
public readonly record struct Si3215LinefeedControl(Si3215Linefeed Requested, Si3215Linefeed Actual)
{
    public static Si3215LinefeedControl FromByte(byte value) => new((Si3215Linefeed)(value & 0x07), (Si3215Linefeed)((value >> 4) & 0x07));

    public byte ToByte() => (byte)((byte)Requested | ((byte)Actual << 4));
}
