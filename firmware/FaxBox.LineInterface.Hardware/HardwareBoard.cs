using System.Device.Spi;
using FaxBox.LineInterface.Hardware.Alsa;
using FaxBox.LineInterface.Hardware.Boards;
using FaxBox.LineInterface.Hardware.Gpio;
using FaxBox.LineInterface.Hardware.Ports;
using FaxBox.LineInterface.Ports;

namespace FaxBox.LineInterface.Hardware;

/// <summary>
/// A <see cref="BoardKind.Hardware"/> board brought up from its profile: the PCM link, GPIO, every chip (reset, bring-up)
/// and a service loop per chip, exposing each port's <see cref="IFxsHardware"/>/<see cref="IFxoHardware"/> for the
/// FxsPort/FxoPort of FaxBox.LineInterface. The host's composition root calls <see cref="OpenAsync"/>.
/// </summary>
public sealed class HardwareBoard : IAsyncDisposable
{
    private readonly List<IDisposable> _owned = [];
    private readonly List<ChipServiceLoop> _loops = [];
    private readonly Dictionary<int, IFxsHardware> _fxs = [];
    private readonly Dictionary<int, IFxoHardware> _fxo = [];

    private HardwareBoard(BoardProfile profile) => Profile = profile;

    /// <summary>The profile the board was opened from.</summary>
    public BoardProfile Profile { get; }

    /// <summary>FXS line circuits by port index.</summary>
    public IReadOnlyDictionary<int, IFxsHardware> Fxs => _fxs;

    /// <summary>FXO line interfaces by port index.</summary>
    public IReadOnlyDictionary<int, IFxoHardware> Fxo => _fxo;

    /// <summary>The PCM link (its counters are the port's audio health).</summary>
    public PcmLink? Pcm { get; private set; }

    /// <summary>Board GPIO (status LED, factory-reset button).</summary>
    public BoardGpio? Gpio { get; private set; }

    /// <summary>Brings every port of a hardware profile up.</summary>
    /// <param name="profile">A validated hardware profile.</param>
    /// <param name="country">Region code for the DAA's country settings and the ringing frequency source.</param>
    /// <param name="ringingFrequencyHz">The region's ringing frequency.</param>
    /// <param name="timeProvider">Clock for bring-up waits and service polls.</param>
    /// <param name="cancellationToken">Stops the bring-up.</param>
    /// <exception cref="ChipFaultException">A chip is absent or failed bring-up (the message names part, bus and register).</exception>
    /// <exception cref="AlsaException">The PCM device cannot be opened.</exception>
    public static async Task<HardwareBoard> OpenAsync(BoardProfile profile, string country, double ringingFrequencyHz, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (profile.Kind != BoardKind.Hardware || profile.Audio is null)
        {
            throw new ArgumentException($"{profile.Source}: board \"{profile.Name}\" is not a hardware board", nameof(profile));
        }

        var board = new HardwareBoard(profile);
        try
        {
            // The PCM clocks must run before any chip leaves reset: the chips' PLLs lock to PCLK.
            board.Pcm = PcmLink.Open(profile.Audio);
            board._owned.Add(board.Pcm);
            board.Pcm.Start();
            board.Gpio = BoardGpio.Open(profile.Gpio, timeProvider);
            board._owned.Add(board.Gpio);

            foreach (var port in profile.Ports)
            {
                await board.OpenPortAsync(port, country, ringingFrequencyHz, timeProvider, cancellationToken).ConfigureAwait(false);
            }

            return board;
        }
        catch
        {
            await board.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        foreach (var loop in _loops)
        {
            await loop.DisposeAsync().ConfigureAwait(false);
        }

        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }

        _loops.Clear();
        _owned.Clear();
    }

    private async Task OpenPortAsync(BoardPortProfile port, string country, double ringingFrequencyHz, TimeProvider? time, CancellationToken cancellationToken)
    {
        var spiSettings = port.Spi!;
        await Gpio!.PulseResetAsync(port.ResetPin!.Value, cancellationToken).ConfigureAwait(false);
        var channel = Pcm!.Channel(port.PcmChannel!.Value);
        IServiceableChip chip;
        if (port.Type == BoardPortType.Fxs)
        {
            var spi = SpiDevice.Create(spiSettings.ToConnectionSettings(Si3215.Si3215.SpiMode, Si3215.Si3215.DataBitLength));
            var slic = new Si3215.Si3215(spi, new Si3215.Si3215Options { PcmTimeslot = port.PcmChannel.Value, RingingFrequencyHz = ringingFrequencyHz }, time);
            _owned.Add(slic);
            await slic.InitializeAsync(port.Part == BoardPart.Si3210 ? Si3215.Si3215Variant.Si3210 : Si3215.Si3215Variant.Si3215, cancellationToken).ConfigureAwait(false);
            var fxs = new Si3215FxsHardware(slic, channel);
            _fxs[port.Index] = fxs;
            chip = fxs;
        }
        else
        {
            var spi = SpiDevice.Create(spiSettings.ToConnectionSettings(Si3050.Si3050.SpiMode, Si3050.Si3050.DataBitLength));
            var daa = new Si3050.Si3050(spi, new Si3050.Si3050Options { Country = country, PcmTimeslot = port.PcmChannel.Value }, time);
            _owned.Add(daa);
            await daa.InitializeAsync(cancellationToken).ConfigureAwait(false);
            var fxo = new Si3050FxoHardware(daa, channel);
            _fxo[port.Index] = fxo;
            chip = fxo;
        }

        var loop = new ChipServiceLoop(chip, time);
        Gpio.WatchInterrupt(port.InterruptPin!.Value, loop.Wake);
        _loops.Add(loop);
        loop.Start();
    }
}
