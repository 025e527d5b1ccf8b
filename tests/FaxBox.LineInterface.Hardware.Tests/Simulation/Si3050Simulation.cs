using FaxBox.LineInterface.Hardware.Si3050;

namespace FaxBox.LineInterface.Hardware.Tests.Simulation;

/// <summary>
/// Register-level model of an Si3050 + Si3019 behind SPI: three-byte frames [0x20|0x60, address, data], reset values,
/// write-0-to-clear interrupt source, a line side that links a few polls after PDL is cleared, ring detect, loop current
/// and line voltage driven by the test's "exchange".
/// </summary>
public sealed class Si3050Simulation : SimulatedSpiDevice
{
    private readonly byte[] _registers = new byte[64];
    private int _linkPolls = -1;

    public Si3050Simulation(int busId = 0, int chipSelectLine = 1)
        : base(busId, chipSelectLine)
    {
        _registers[(int)Si3050Register.Control2] = 0x03;
        _registers[(int)Si3050Register.DaaControl2] = 0x10; // PDL: line side powered down
        _registers[(int)Si3050Register.Revision] = 0x05;    // system side rev E, LSID 0 until linked
    }

    /// <summary>Polls of register 11 before the line side reports its LSID.</summary>
    public int LinkPolls { get; set; } = 2;

    /// <summary>The line side never links (no line-side supply, a broken isolation capacitor).</summary>
    public bool LineSideDead { get; set; }

    /// <summary>Line-side id reported once linked (upper nibble of register 11).</summary>
    public byte LineSideId { get; set; } = 0x3;

    /// <summary>Register writes in order.</summary>
    public List<(byte Register, byte Value)> Writes { get; } = [];

    public byte this[Si3050Register register] => _registers[(int)register];

    public bool OffHook => (_registers[(int)Si3050Register.DaaControl1] & 0x01) != 0;

    /// <summary>INT is asserted while an unmasked source bit is set and INTE is on.</summary>
    public bool InterruptAsserted => (_registers[(int)Si3050Register.Control2] & 0x80) != 0
        && (_registers[(int)Si3050Register.InterruptSource] & _registers[(int)Si3050Register.InterruptMask]) != 0;

    /// <summary>The exchange rings (or stops ringing).</summary>
    public void SetRinging(bool ringing)
    {
        var control = _registers[(int)Si3050Register.DaaControl1];
        _registers[(int)Si3050Register.DaaControl1] = (byte)(ringing ? control | 0x64 : control & ~0x64);
        if (ringing)
        {
            Raise(Si3050Interrupt.Ring);
        }
    }

    /// <summary>Sets what the line-side monitors read.</summary>
    public void SetLine(double loopMilliamps, int lineVolts)
    {
        var wasPositive = (sbyte)_registers[(int)Si3050Register.LineVoltage] >= 0;
        _registers[(int)Si3050Register.LoopCurrent] = (byte)Math.Round(loopMilliamps / 1.1);
        _registers[(int)Si3050Register.LineVoltage] = (byte)(sbyte)lineVolts;
        if (wasPositive != lineVolts >= 0)
        {
            Raise(Si3050Interrupt.Polarity);
        }
    }

    public void Raise(Si3050Interrupt source) => _registers[(int)Si3050Register.InterruptSource] |= (byte)source;

    protected override void Exchange(ReadOnlySpan<byte> mosi, Span<byte> miso)
    {
        if (mosi.Length != 3 || mosi[0] is not (0x20 or 0x60))
        {
            throw new InvalidOperationException($"an Si3050 access is [0x20|0x60, address, data]; got [{Convert.ToHexString(mosi)}]");
        }

        miso[0] = miso[1] = 0xFF;
        var register = mosi[1];
        if (mosi[0] == 0x60)
        {
            miso[2] = Load(register);
        }
        else
        {
            miso[2] = 0xFF;
            Store(register, mosi[2]);
        }
    }

    private byte Load(byte register)
    {
        if (register == (byte)Si3050Register.Revision && _linkPolls >= 0 && !LineSideDead)
        {
            if (_linkPolls == 0)
            {
                _registers[register] = (byte)((LineSideId << 4) | (_registers[register] & 0x0F));
            }
            else
            {
                _linkPolls--;
            }
        }

        return _registers[register];
    }

    private void Store(byte register, byte value)
    {
        Writes.Add((register, value));
        switch ((Si3050Register)register)
        {
            case Si3050Register.InterruptSource:
                _registers[register] &= value; // a bit written 0 clears
                break;
            case Si3050Register.DaaControl1:
                _registers[register] = (byte)((_registers[register] & 0x64) | (value & 0x09)); // RDT/RDTP/RDTN read only
                break;
            case Si3050Register.DaaControl2:
                _registers[register] = value;
                if ((value & 0x10) == 0 && _linkPolls < 0)
                {
                    _linkPolls = LinkPolls;
                }

                break;
            case Si3050Register.Revision or Si3050Register.LoopCurrent or Si3050Register.LineVoltage or Si3050Register.LineSideStatus:
                break;
            default:
                _registers[register] = value;
                break;
        }
    }
}
