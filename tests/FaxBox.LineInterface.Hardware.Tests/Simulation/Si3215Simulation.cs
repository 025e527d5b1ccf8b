using FaxBox.LineInterface.Hardware.Si3215;

namespace FaxBox.LineInterface.Hardware.Tests.Simulation;

/// <summary>
/// Register-level model of an Si3215/Si3210 behind its SPI port: byte-framed protocol ([addr] then [data] to write,
/// [0x80|addr] then a read frame to read), reset values, indirect registers through IDA/IAA/IAS (write armed by IDA high),
/// DC-DC converter and calibrations that complete after a few polls, write-1-to-clear interrupt status, linefeed
/// with LFS following LF, loop closure and automatic ring trip.
/// </summary>
public sealed class Si3215Simulation : SimulatedSpiDevice
{
    private readonly byte[] _registers = new byte[128];
    private readonly ushort[] _indirect = new ushort[256];
    private byte? _pendingWrite;
    private byte? _pendingRead;
    private bool _indirectWriteArmed;
    private int _indirectBusyReads;
    private int _calibrationReads;
    private int _dcdcCalibrationReads;
    private bool _offHook;

    public Si3215Simulation(Si3215Variant variant = Si3215Variant.Si3215, int busId = 0, int chipSelectLine = 0)
        : base(busId, chipSelectLine)
    {
        Variant = variant;
        _registers[(int)Si3215Register.Id] = 0x05; // revision E
        _registers[(int)Si3215Register.PcmMode] = (byte)(variant == Si3215Variant.Si3215 ? 0x88 : 0x08);
        _registers[(int)Si3215Register.Loopback] = 0x02;
        _registers[(int)Si3215Register.Hybrid] = 0x33;
        _registers[(int)Si3215Register.PowerDown1] = 0x10;
        _registers[(int)Si3215Register.AutomaticControl] = 0x1F;
    }

    public Si3215Variant Variant { get; }

    /// <summary>Polls of register 96 before a calibration reads complete.</summary>
    public int CalibrationPolls { get; set; } = 3;

    /// <summary>Calibration never completes (a dead line side, a missing clock).</summary>
    public bool CalibrationHangs { get; set; }

    /// <summary>The common-mode balance calibration sets its error bit.</summary>
    public bool CommonModeBalanceFails { get; set; }

    /// <summary>The DC-DC converter makes only this many volts (null: what VBATH asks for).</summary>
    public double? BatteryLimitVolts { get; set; }

    /// <summary>Every indirect write, in order: (address on this variant, value).</summary>
    public List<(byte Address, ushort Value)> IndirectWrites { get; } = [];

    /// <summary>Every direct register write, in order.</summary>
    public List<(byte Register, byte Value)> Writes { get; } = [];

    public byte this[Si3215Register register] => _registers[(int)register];

    public ushort Indirect(byte address) => _indirect[address];

    public Si3215Linefeed Linefeed => (Si3215Linefeed)((_registers[(int)Si3215Register.Linefeed] >> 4) & 0x07);

    /// <summary>True while the chip pulls INT low: an enabled status bit is pending.</summary>
    public bool InterruptAsserted => (_registers[(int)Si3215Register.InterruptStatus2] & _registers[(int)Si3215Register.InterruptEnable2]) != 0;

    /// <summary>The phone goes off or on hook. During ringing, off hook is a ring trip: the chip leaves ringing by itself.</summary>
    public void SetHook(bool offHook)
    {
        if (offHook == _offHook)
        {
            return;
        }

        _offHook = offHook;
        var status = Si3215Interrupt2.LoopClosure;
        if (offHook && Linefeed == Si3215Linefeed.Ringing)
        {
            status |= Si3215Interrupt2.RingTrip;
            SetLinefeedState(Si3215Linefeed.ForwardActive); // automatic ring trip response (register 67)
        }

        _registers[(int)Si3215Register.InterruptStatus2] |= (byte)status;
        UpdateLoopStatus(ringTrip: (status & Si3215Interrupt2.RingTrip) != 0);
    }

    protected override void Exchange(ReadOnlySpan<byte> mosi, Span<byte> miso)
    {
        if (mosi.Length != 1)
        {
            throw new InvalidOperationException($"the ProSLIC frames every byte with chip select; got a {mosi.Length}-byte frame [{Convert.ToHexString(mosi)}]");
        }

        miso[0] = 0xFF;
        if (_pendingWrite is { } register)
        {
            _pendingWrite = null;
            Store(register, mosi[0]);
        }
        else if (_pendingRead is { } readRegister)
        {
            _pendingRead = null;
            miso[0] = Load(readRegister);
        }
        else if ((mosi[0] & 0x80) != 0)
        {
            _pendingRead = (byte)(mosi[0] & 0x7F);
        }
        else
        {
            _pendingWrite = mosi[0];
        }
    }

    private byte Load(byte register)
    {
        switch ((Si3215Register)register)
        {
            case Si3215Register.IndirectStatus:
                if (_indirectBusyReads > 0)
                {
                    _indirectBusyReads--;
                    return 0x01;
                }

                return 0x00;
            case Si3215Register.BatteryHighSense:
                if ((_registers[(int)Si3215Register.PowerDown1] & 0x10) != 0)
                {
                    return 0;
                }

                var volts = _registers[(int)Si3215Register.BatteryHigh] * 1.5;
                volts = Math.Min(volts, BatteryLimitVolts ?? volts);
                return (byte)Math.Min(255, Math.Round(volts / 0.376));
            case Si3215Register.DcDcSwitchingDelay:
                if (_dcdcCalibrationReads > 0)
                {
                    _dcdcCalibrationReads--;
                    return (byte)(_registers[register] | 0x80);
                }

                return (byte)(_registers[register] & 0x7F);
            case Si3215Register.Calibration1:
                if (CalibrationHangs || _calibrationReads > 0)
                {
                    _calibrationReads--;
                    return _registers[register];
                }

                return 0x00;
            default:
                return _registers[register];
        }
    }

    private void Store(byte register, byte value)
    {
        Writes.Add((register, value));
        switch ((Si3215Register)register)
        {
            case Si3215Register.InterruptStatus1 or Si3215Register.InterruptStatus2 or Si3215Register.InterruptStatus3:
                _registers[register] &= (byte)~value; // write 1 to clear
                break;
            case Si3215Register.IndirectDataHigh:
                _registers[register] = value;
                _indirectWriteArmed = true;
                break;
            case Si3215Register.IndirectAddress:
                _registers[register] = value;
                if (_indirectWriteArmed)
                {
                    _indirect[value] = (ushort)(_registers[(int)Si3215Register.IndirectDataLow] | (_registers[(int)Si3215Register.IndirectDataHigh] << 8));
                    IndirectWrites.Add((value, _indirect[value]));
                }
                else
                {
                    _registers[(int)Si3215Register.IndirectDataLow] = (byte)_indirect[value];
                    _registers[(int)Si3215Register.IndirectDataHigh] = (byte)(_indirect[value] >> 8);
                }

                _indirectWriteArmed = false;
                _indirectBusyReads = 1;
                break;
            case Si3215Register.Linefeed:
                SetLinefeedState((Si3215Linefeed)(value & 0x07));
                break;
            case Si3215Register.DcDcSwitchingDelay:
                _registers[register] = (byte)(value & 0x7F);
                _dcdcCalibrationReads = (value & 0x80) != 0 ? 2 : 0;
                break;
            case Si3215Register.Calibration1:
                _registers[register] = value;
                _calibrationReads = value != 0 ? CalibrationPolls : 0;
                if (value == 0x40 && CommonModeBalanceFails)
                {
                    _registers[(int)Si3215Register.InterruptStatus3] |= 0x04;
                }

                break;
            case Si3215Register.Id or Si3215Register.LoopStatus or Si3215Register.BatteryHighSense or Si3215Register.BatteryLowSense:
                break; // read only
            default:
                _registers[register] = value;
                break;
        }
    }

    private void SetLinefeedState(Si3215Linefeed state)
    {
        _registers[(int)Si3215Register.Linefeed] = (byte)((byte)state | ((byte)state << 4));
        UpdateLoopStatus(ringTrip: false);
    }

    private void UpdateLoopStatus(bool ringTrip)
    {
        var fed = Linefeed is not Si3215Linefeed.Open;
        _registers[(int)Si3215Register.LoopStatus] = new Si3215LoopStatus(_offHook && fed, ringTrip).ToByte();
    }
}
