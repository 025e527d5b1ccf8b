namespace FaxBox.LineInterface.Hardware.Si3050;

/// <summary>Register 5, DAA control 1.</summary>
/// <param name="OffHook">OH (bit 0): close the loop.</param>
/// <param name="RingDetect">RDT (bit 2, read only): ringing is present.</param>
/// <param name="OnHookMonitor">ONHM (bit 3): pass line audio while on hook (caller ID).</param>
/// <param name="RingNegative">RDTN (bit 5, read only): negative ring half-cycle detected.</param>
/// <param name="RingPositive">RDTP (bit 6, read only): positive ring half-cycle detected.</param>
public readonly record struct Si3050DaaControl1(bool OffHook, bool RingDetect, bool OnHookMonitor, bool RingNegative, bool RingPositive)
{
    /// <summary>Ringing voltage seen on either half-cycle.</summary>
    public bool Ringing => RingDetect || RingNegative || RingPositive;

    public static Si3050DaaControl1 FromByte(byte value)
        => new((value & 0x01) != 0, (value & 0x04) != 0, (value & 0x08) != 0, (value & 0x20) != 0, (value & 0x40) != 0);

    public byte ToByte() => (byte)((OffHook ? 0x01 : 0) | (RingDetect ? 0x04 : 0) | (OnHookMonitor ? 0x08 : 0) | (RingNegative ? 0x20 : 0) | (RingPositive ? 0x40 : 0));
}
