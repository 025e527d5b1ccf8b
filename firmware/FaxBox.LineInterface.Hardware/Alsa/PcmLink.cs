using FaxBox.Core;
using FaxBox.LineInterface.Hardware.Boards;

namespace FaxBox.LineInterface.Hardware.Alsa;

/// <summary>
/// The board's PCM link through ALSA: capture and playback at 8 kHz, S16_LE, interleaved channels (one per timeslot),
/// 20 ms periods. A dedicated I/O thread (blocking ALSA reads and writes never run on the media thread) moves one
/// period at a time between ALSA and the per-port <see cref="PcmChannel"/> queues, and recovers from overruns and
/// underruns with snd_pcm_recover, re-priming playback with silence.
/// </summary>
public sealed class PcmLink : IDisposable
{
    private readonly IPcmStream _capture;
    private readonly IPcmStream _playback;
    private readonly PcmChannel[] _channels;
    private readonly int _startPeriods;
    private readonly short[] _captureBuffer;
    private readonly short[] _playbackBuffer;
    private readonly short[] _frame = new short[AudioFrame.Samples];
    private Thread? _thread;
    private volatile bool _stopping;
    private long _periods;
    private long _overruns;
    private long _underruns;

    internal PcmLink(IPcmStream capture, IPcmStream playback, int channels, int bufferPeriods, int startPeriods)
    {
        _capture = capture;
        _playback = playback;
        _startPeriods = startPeriods;
        _channels = new PcmChannel[channels];
        for (var i = 0; i < channels; i++)
        {
            _channels[i] = new PcmChannel(i, bufferPeriods * 2);
        }

        _captureBuffer = new short[AudioFrame.Samples * channels];
        _playbackBuffer = new short[AudioFrame.Samples * channels];
    }

    /// <summary>Opens the board's ALSA device in both directions and primes playback with silence.</summary>
    /// <exception cref="AlsaException">The device cannot be opened or does not accept 8 kHz S16_LE with 20 ms periods.</exception>
    public static PcmLink Open(BoardAudioSettings audio)
    {
        ArgumentNullException.ThrowIfNull(audio);
        var capture = AlsaPcmStream.Open(audio.Device, capture: true, audio.Channels, AudioFrame.SampleRate, AudioFrame.Samples, audio.BufferPeriods, 0);
        try
        {
            var playback = AlsaPcmStream.Open(audio.Device, capture: false, audio.Channels, AudioFrame.SampleRate, AudioFrame.Samples, audio.BufferPeriods, audio.StartPeriods * AudioFrame.Samples);
            var link = new PcmLink(capture, playback, audio.Channels, audio.BufferPeriods, audio.StartPeriods);
            link.Prime();
            return link;
        }
        catch
        {
            capture.Dispose();
            throw;
        }
    }

    /// <summary>Interleaved channels on the link.</summary>
    public int ChannelCount => _channels.Length;

    /// <summary>Periods moved in both directions.</summary>
    public long Periods => Interlocked.Read(ref _periods);

    /// <summary>Capture overruns recovered (the I/O thread was late reading).</summary>
    public long Overruns => Interlocked.Read(ref _overruns);

    /// <summary>Playback underruns recovered (the I/O thread was late writing).</summary>
    public long Underruns => Interlocked.Read(ref _underruns);

    /// <summary>Why the link stopped, when an error could not be recovered; null while healthy.</summary>
    public string? Fault { get; private set; }

    /// <summary>The queue pair of one channel (timeslot).</summary>
    public PcmChannel Channel(int index) => _channels[index];

    /// <summary>Starts the I/O thread (above-normal priority; it sleeps in ALSA between periods).</summary>
    public void Start()
    {
        if (_thread is not null)
        {
            return;
        }

        _thread = new Thread(Run) { IsBackground = true, Name = "faxbox-pcm", Priority = ThreadPriority.AboveNormal };
        _thread.Start();
    }

    /// <summary>Moves one period each way; false once the link has faulted. The I/O thread's loop body.</summary>
    internal bool RunPeriod()
    {
        var read = _capture.ReadPeriod(_captureBuffer);
        if (read < 0)
        {
            if (!RecoverFrom(_capture, read, ref _overruns, "capture"))
            {
                return false;
            }

            read = _capture.ReadPeriod(_captureBuffer);
            if (read < 0)
            {
                return SetFault("capture", read);
            }
        }

        if (read == AudioFrame.Samples)
        {
            for (var c = 0; c < _channels.Length; c++)
            {
                for (var i = 0; i < AudioFrame.Samples; i++)
                {
                    _frame[i] = _captureBuffer[(i * _channels.Length) + c];
                }

                _channels[c].DeliverFromLine(_frame);
            }
        }

        for (var c = 0; c < _channels.Length; c++)
        {
            _channels[c].TakeToLine(_frame);
            for (var i = 0; i < AudioFrame.Samples; i++)
            {
                _playbackBuffer[(i * _channels.Length) + c] = _frame[i];
            }
        }

        var written = _playback.WritePeriod(_playbackBuffer);
        if (written < 0)
        {
            if (!RecoverFrom(_playback, written, ref _underruns, "playback"))
            {
                return false;
            }

            Prime();
            written = _playback.WritePeriod(_playbackBuffer);
            if (written < 0)
            {
                return SetFault("playback", written);
            }
        }

        Interlocked.Increment(ref _periods);
        return true;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _stopping = true;
        _thread?.Join(TimeSpan.FromSeconds(2));
        _capture.Dispose();
        _playback.Dispose();
    }

    /// <summary>Queues <c>startPeriods − 1</c> periods of silence so playback starts (and restarts after an underrun) with slack.</summary>
    private void Prime()
    {
        Array.Clear(_playbackBuffer);
        for (var i = 0; i < _startPeriods - 1; i++)
        {
            if (_playback.WritePeriod(_playbackBuffer) < 0)
            {
                break;
            }
        }
    }

    private bool RecoverFrom(IPcmStream stream, int error, ref long counter, string direction)
    {
        if (error is not (-AlsaNative.EPIPE or -AlsaNative.ESTRPIPE))
        {
            return SetFault(direction, error);
        }

        Interlocked.Increment(ref counter);
        var recovered = stream.Recover(error);
        return recovered >= 0 || SetFault(direction, recovered);
    }

    private bool SetFault(string direction, int error)
    {
        Fault = $"PCM {direction} failed: {AlsaPcmStream.ErrorText(error)} ({error})";
        return false;
    }

    private void Run()
    {
        while (!_stopping && RunPeriod())
        {
        }
    }
}
