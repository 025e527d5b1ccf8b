using FaxBox.LineInterface.Hardware.Alsa;
using FaxBox.LineInterface.Hardware.Si3215;
using FaxBox.LineInterface.Ports;

namespace FaxBox.LineInterface.Hardware.Ports;

/// <summary>
/// <see cref="IFxsHardware"/> on an Si3215/Si3210 ProSLIC and one PCM timeslot. The media-thread calls never touch the
/// bus: <see cref="SetLinefeed"/> posts the state and <see cref="IsLoopClosed"/> reads the last serviced status;
/// <see cref="Service"/> (run by a <see cref="ChipServiceLoop"/> on INT or every poll) does the SPI traffic.
/// </summary>
public sealed class Si3215FxsHardware : IFxsHardware, IServiceableChip
{
    private readonly Si3215.Si3215 _slic;
    private readonly PcmChannel _audio;
    private int _requestedLinefeed = -1;
    private volatile bool _loopClosed;
    private long _powerAlarms;

    /// <summary>Wraps an initialised ProSLIC and its PCM channel.</summary>
    public Si3215FxsHardware(Si3215.Si3215 slic, PcmChannel audio)
    {
        _slic = slic ?? throw new ArgumentNullException(nameof(slic));
        _audio = audio ?? throw new ArgumentNullException(nameof(audio));
    }

    /// <summary>Raised (on the service thread) when a posted change needs servicing; the service loop wakes on it.</summary>
    public event EventHandler? ServiceRequested;

    /// <summary>Transistor power alarms seen (the chip opens the line to protect itself; the port sees on-hook).</summary>
    public long PowerAlarms => Interlocked.Read(ref _powerAlarms);

    public bool IsLoopClosed => _loopClosed;

    public void SetLinefeed(FxsLinefeed state)
    {
        Volatile.Write(ref _requestedLinefeed, (int)ToChip(state));
        ServiceRequested?.Invoke(this, EventArgs.Empty);
    }

    public void ReadFrame(Span<short> frame) => _audio.ReadFrame(frame);

    public void WriteFrame(ReadOnlySpan<short> frame) => _audio.WriteFrame(frame);

    /// <summary>Applies a posted linefeed change and reads hook status (servicing INT). Runs off the media thread.</summary>
    public void Service()
    {
        var requested = Interlocked.Exchange(ref _requestedLinefeed, -1);
        if (requested >= 0)
        {
            _slic.SetLinefeed((Si3215Linefeed)requested);
        }

        var events = _slic.ServiceInterrupt();
        if (events.PowerAlarm)
        {
            Interlocked.Increment(ref _powerAlarms);
        }

        _loopClosed = events.Loop.LoopClosed;
    }

    /// <summary>The port's linefeed states map one to one onto register 64 (LF[2:0]).</summary>
    public static Si3215Linefeed ToChip(FxsLinefeed state) => state switch
    {
        FxsLinefeed.Open => Si3215Linefeed.Open,
        FxsLinefeed.ForwardActive => Si3215Linefeed.ForwardActive,
        FxsLinefeed.ForwardOnHookTransmission => Si3215Linefeed.ForwardOnHookTransmission,
        FxsLinefeed.ReverseActive => Si3215Linefeed.ReverseActive,
        FxsLinefeed.ReverseOnHookTransmission => Si3215Linefeed.ReverseOnHookTransmission,
        FxsLinefeed.Ringing => Si3215Linefeed.Ringing,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };
}
