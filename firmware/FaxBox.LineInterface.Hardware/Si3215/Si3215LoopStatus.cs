namespace FaxBox.LineInterface.Hardware.Si3215;

/// <summary>Register 68, loop closure and ring trip detect status.</summary>
/// <param name="LoopClosed">LCR (bit 0): the phone is off hook (debounced).</param>
/// <param name="RingTrip">RTP (bit 1): the phone went off hook during ringing.</param>
public readonly record struct Si3215LoopStatus(bool LoopClosed, bool RingTrip)
{
    public static Si3215LoopStatus FromByte(byte value) => new((value & 0x01) != 0, (value & 0x02) != 0);

    public byte ToByte() => (byte)((LoopClosed ? 0x01 : 0) | (RingTrip ? 0x02 : 0));
}
