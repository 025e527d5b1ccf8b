using System.Device.Spi;

namespace FaxBox.LineInterface.Hardware.Si3050;

/// <summary>
/// Driver for the Silicon Labs Si3050 system-side DAA with an Si3019 line side: one FXO line. Brings the DAA up (PCM,
/// country settings, billing-tone protection, interrupts, line-side power-up over the isolation capacitor), goes off and
/// on hook, reads ring detect, loop current and line voltage, and services INT. Register map and bit fields: Si3050
/// datasheet ("Register Descriptions", "Country-Specific Register Settings").
/// Thread-safe: one lock serialises bus traffic.
/// </summary>
public sealed class Si3050 : IDisposable
{
    /// <summary>SPI mode: SCLK idles high, data sampled on the rising edge.</summary>
    public const SpiMode SpiMode = System.Device.Spi.SpiMode.Mode3;

    /// <summary>Bits per SPI word.</summary>
    public const int DataBitLength = 8;

    /// <summary>The SPI clock the reference HAT runs at.</summary>
    public const int DefaultClockFrequency = 1_000_000;

    /// <summary>
    /// Control byte of a register write and of a read. One access is one chip-select frame of three bytes: control,
    /// address, data (the DAA drives the data byte on a read). 0x20 / 0x60 are the values DAHDI's wctdm uses for the Si3050;
    /// the datasheet's names for these control-byte bits are not confirmed here.
    /// </summary>
    public const byte WriteControlByte = 0x20, ReadControlByte = 0x60;

    /// <summary>Register 2 after reset (HBE and RXE set): how the driver knows a DAA is there.</summary>
    internal const byte Control2ResetValue = 0x03;

    /// <summary>Loop current scale of register 28 (about 1.1 mA per LSB in the datasheet's LCS2 description; not confirmed here).</summary>
    public const double LoopCurrentMilliampsPerLsb = 1.1;

    private const byte Control2Inte = 0x80;

    private readonly SpiDevice _spi;
    private readonly bool _shouldDispose;
    private readonly Si3050Options _options;
    private readonly TimeProvider _time;
    private readonly Lock _bus = new();
    private readonly byte[] _tx = new byte[3];
    private readonly byte[] _rx = new byte[3];
    private Si3050DaaControl1 _control;

    /// <summary>Creates the driver; nothing is sent until <see cref="InitializeAsync"/>.</summary>
    /// <param name="spiDevice">The DAA's SPI device.</param>
    /// <param name="options">Country and PCM settings; validated here.</param>
    /// <param name="timeProvider">Clock for bring-up waits.</param>
    /// <param name="shouldDispose">True to dispose <paramref name="spiDevice"/> with the driver.</param>
    public Si3050(SpiDevice spiDevice, Si3050Options? options = null, TimeProvider? timeProvider = null, bool shouldDispose = true)
    {
        _spi = spiDevice ?? throw new ArgumentNullException(nameof(spiDevice));
        _options = options ?? new Si3050Options();
        _options.Validate();
        Country = Si3050CountrySettings.For(_options.Country);
        _time = timeProvider ?? TimeProvider.System;
        _shouldDispose = shouldDispose;
        var settings = spiDevice.ConnectionSettings;
        DeviceName = $"SPI{settings.BusId}.{settings.ChipSelectLine}";
    }

    /// <summary>The bus device in messages: <c>SPI0.1</c>.</summary>
    public string DeviceName { get; }

    /// <summary>The country settings in force.</summary>
    public Si3050CountrySettings Country { get; }

    /// <summary>Register 11 after the line side linked: LSID (7:4) and system-side revision (3:0).</summary>
    public byte Revision { get; private set; }

    /// <summary>True once <see cref="InitializeAsync"/> has completed.</summary>
    public bool IsInitialized { get; private set; }

    /// <summary>Brings a freshly reset DAA up and leaves it on hook.</summary>
    /// <param name="cancellationToken">Stops the line-side wait.</param>
    /// <exception cref="ChipFaultException">The DAA is absent or its line side did not link.</exception>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        var control2 = ReadRegister(Si3050Register.Control2);
        if (control2 is 0xFF or 0x00)
        {
            throw ChipFaultException.NotAnswering("Si3050", DeviceName, (byte)Si3050Register.Control2, control2);
        }

        if (control2 != Control2ResetValue)
        {
            throw new ChipFaultException("Si3050", DeviceName, $"register 2 reads 0x{control2:X2}, a freshly reset Si3050 reads 0x{Control2ResetValue:X2}: was RESET pulsed, and is this the right chip select?");
        }

        // PCM: timeslot start counts (registers 34–37, PCLK cycles after FSYNC), 16-bit linear with PCM on (register 33: PCME | PCMF = 11).
        var start = (_options.PcmTimeslot * 16) + _options.PcmBitOffset;
        WriteRegister(Si3050Register.PcmTransmitStartLow, (byte)start);
        WriteRegister(Si3050Register.PcmTransmitStartHigh, (byte)((start >> 8) & 0x03));
        WriteRegister(Si3050Register.PcmReceiveStartLow, (byte)start);
        WriteRegister(Si3050Register.PcmReceiveStartHigh, (byte)((start >> 8) & 0x03));
        WriteRegister(Si3050Register.PcmMode, 0x38);

        // Country: on-hook speed, ringer impedance and threshold; DC termination; AC termination; DAA control 4 with
        // FOH = 01 (fast off-hook 128 ms), FILT = 1 (200 Hz receive high-pass, keeps ring and loop transients out of the
        // modem path) and LVFD = 1 (line voltage force disable), plus OHS2.
        WriteRegister(Si3050Register.InternationalControl1, Country.InternationalControl1);
        WriteRegister(Si3050Register.DcTermination, Country.DcTermination);
        WriteRegister(Si3050Register.AcTermination, Country.AcTermination);
        WriteRegister(Si3050Register.DaaControl4, (byte)(0x23 | (Country.Ohs2 ? 0x08 : 0)));
        WriteRegister(Si3050Register.InternationalControl2, (byte)(_options.BillingToneProtection ? 0x04 : 0x00));

        // Interrupts: ring, polarity reversal, drop-out, line-side link lost (and billing tone when protected); INT active low.
        var mask = Si3050Interrupt.Ring | Si3050Interrupt.Polarity | Si3050Interrupt.DropOut | Si3050Interrupt.LineSideLost
            | (_options.BillingToneProtection ? Si3050Interrupt.BillingTone : Si3050Interrupt.None);
        WriteRegister(Si3050Register.InterruptMask, (byte)mask);
        WriteRegister(Si3050Register.InterruptSource, 0x00);
        WriteRegister(Si3050Register.Control2, Control2Inte | Control2ResetValue);

        // Power the line side up (register 6 PDL = 0) and wait until it has linked: LSID in register 11 becomes non-zero.
        WriteRegister(Si3050Register.DaaControl2, 0x00);
        var started = _time.GetTimestamp();
        var limit = (int)Math.Ceiling(_options.LineSideTimeout / _options.PollInterval) + 1;
        for (var i = 0; i < limit; i++)
        {
            Revision = ReadRegister(Si3050Register.Revision);
            if ((Revision & 0xF0) != 0 || _time.GetElapsedTime(started) >= _options.LineSideTimeout)
            {
                break;
            }

            await Task.Delay(_options.PollInterval, _time, cancellationToken).ConfigureAwait(false);
        }

        if ((Revision & 0xF0) == 0)
        {
            throw new ChipFaultException("Si3050", DeviceName,
                $"the Si3019 line side did not link within {_options.LineSideTimeout.TotalMilliseconds:0} ms (register 11 = 0x{Revision:X2}, LSID 0): check the isolation capacitors and the line-side supply");
        }

        _control = new Si3050DaaControl1(OffHook: false, RingDetect: false, OnHookMonitor: false, RingNegative: false, RingPositive: false);
        WriteRegister(Si3050Register.DaaControl1, _control.ToByte());
        IsInitialized = true;
    }

    /// <summary>Closes or opens the loop (register 5 OH).</summary>
    public void SetOffHook(bool offHook)
    {
        lock (_bus)
        {
            _control = _control with { OffHook = offHook };
            WriteRegister(Si3050Register.DaaControl1, _control.ToByte());
        }
    }

    /// <summary>Passes line audio while on hook (register 5 ONHM), for caller ID.</summary>
    public void SetOnHookMonitor(bool enabled)
    {
        lock (_bus)
        {
            _control = _control with { OnHookMonitor = enabled };
            WriteRegister(Si3050Register.DaaControl1, _control.ToByte());
        }
    }

    /// <summary>Reads register 5: ring detect and the hook bits.</summary>
    public Si3050DaaControl1 ReadControl() => Si3050DaaControl1.FromByte(ReadRegister(Si3050Register.DaaControl1));

    /// <summary>Loop current in mA (register 28); 0 on hook.</summary>
    public double ReadLoopCurrentMilliamps() => ReadRegister(Si3050Register.LoopCurrent) * LoopCurrentMilliampsPerLsb;

    /// <summary>TIP–RING voltage (register 29, signed, 1 V per LSB): negative when the polarity is reversed.</summary>
    public int ReadLineVolts() => (sbyte)ReadRegister(Si3050Register.LineVoltage);

    /// <summary>Services INT: reads the interrupt source, clears the bits that were set (by writing them 0) and reads register 5.</summary>
    public Si3050InterruptEvents ServiceInterrupt()
    {
        lock (_bus)
        {
            var pending = (Si3050Interrupt)ReadRegister(Si3050Register.InterruptSource);
            if (pending != Si3050Interrupt.None)
            {
                WriteRegister(Si3050Register.InterruptSource, (byte)~pending);
            }

            return new Si3050InterruptEvents(pending, ReadControl());
        }
    }

    /// <summary>Reads a register.</summary>
    public byte ReadRegister(Si3050Register register) => ReadByteAt((byte)register);

    /// <summary>Writes a register.</summary>
    public void WriteRegister(Si3050Register register, byte value) => WriteByteAt((byte)register, value);

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_shouldDispose)
        {
            _spi.Dispose();
        }
    }

    // The only two methods that touch the bus: [control, address, data] in one chip-select frame.
    private byte ReadByteAt(byte address)
    {
        lock (_bus)
        {
            _tx[0] = ReadControlByte;
            _tx[1] = (byte)(address & 0x7F);
            _tx[2] = 0x00;
            _spi.TransferFullDuplex(_tx, _rx);
            return _rx[2];
        }
    }

    private void WriteByteAt(byte address, byte value)
    {
        lock (_bus)
        {
            _tx[0] = WriteControlByte;
            _tx[1] = (byte)(address & 0x7F);
            _tx[2] = value;
            _spi.Write(_tx);
        }
    }
}
