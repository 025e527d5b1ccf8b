using System.Runtime.InteropServices;

namespace FaxBox.LineInterface.Hardware.Alsa;

/// <summary>
/// An opened alsa-lib PCM in one direction: 8 kHz, S16_LE, interleaved read/write access, the given channel count, one
/// period = one 20 ms <see cref="Core.AudioFrame"/>. Translates alsa-lib errors into <see cref="AlsaException"/>
/// naming the device and the step. One lock per handle.
/// </summary>
internal sealed unsafe class AlsaPcmStream : IPcmStream
{
    private readonly AlsaPcmHandle _handle;
    private readonly Lock _lock = new();
    private readonly int _channels;

    private AlsaPcmStream(AlsaPcmHandle handle, string device, bool capture, int channels, int periodFrames, int bufferFrames)
    {
        _handle = handle;
        _channels = channels;
        Device = device;
        IsCapture = capture;
        PeriodFrames = periodFrames;
        BufferFrames = bufferFrames;
    }

    public string Device { get; }

    public bool IsCapture { get; }

    public int PeriodFrames { get; }

    public int BufferFrames { get; }

    /// <summary>Opens and configures a PCM; throws <see cref="AlsaException"/> naming the step that failed.</summary>
    public static AlsaPcmStream Open(string device, bool capture, int channels, int rate, int periodFrames, int bufferPeriods, int startFrames)
    {
        var direction = capture ? "capture" : "playback";
        Check(AlsaNative.snd_pcm_open(out var handle, device, capture ? AlsaNative.SND_PCM_STREAM_CAPTURE : AlsaNative.SND_PCM_STREAM_PLAYBACK, 0), device, $"open for {direction}");
        try
        {
            Check(AlsaNative.snd_pcm_hw_params_malloc(out var hw), device, "allocate hardware parameters");
            nuint period = (nuint)periodFrames;
            nuint buffer = (nuint)(periodFrames * bufferPeriods);
            try
            {
                Check(AlsaNative.snd_pcm_hw_params_any(handle, hw), device, "read hardware parameters");
                Check(AlsaNative.snd_pcm_hw_params_set_access(handle, hw, AlsaNative.SND_PCM_ACCESS_RW_INTERLEAVED), device, "set interleaved access");
                Check(AlsaNative.snd_pcm_hw_params_set_format(handle, hw, AlsaNative.SND_PCM_FORMAT_S16_LE), device, "set format S16_LE");
                Check(AlsaNative.snd_pcm_hw_params_set_channels(handle, hw, (uint)channels), device, $"set {channels} channel(s)");
                uint actualRate = (uint)rate;
                var dir = 0;
                Check(AlsaNative.snd_pcm_hw_params_set_rate_near(handle, hw, ref actualRate, ref dir), device, $"set rate {rate} Hz");
                if (actualRate != rate)
                {
                    throw new AlsaException($"ALSA device \"{device}\" ({direction}): asked for {rate} Hz, the device offers {actualRate} Hz (use a plughw: device to resample, or fix the overlay)");
                }

                dir = 0;
                Check(AlsaNative.snd_pcm_hw_params_set_period_size_near(handle, hw, ref period, ref dir), device, $"set period {periodFrames} frames");
                if (period != (nuint)periodFrames)
                {
                    throw new AlsaException($"ALSA device \"{device}\" ({direction}): asked for {periodFrames}-frame (20 ms) periods, the device offers {period}");
                }

                Check(AlsaNative.snd_pcm_hw_params_set_buffer_size_near(handle, hw, ref buffer), device, $"set buffer {periodFrames * bufferPeriods} frames");
                Check(AlsaNative.snd_pcm_hw_params(handle, hw), device, "apply hardware parameters");
            }
            finally
            {
                AlsaNative.snd_pcm_hw_params_free(hw);
            }

            Check(AlsaNative.snd_pcm_sw_params_malloc(out var sw), device, "allocate software parameters");
            try
            {
                Check(AlsaNative.snd_pcm_sw_params_current(handle, sw), device, "read software parameters");
                Check(AlsaNative.snd_pcm_sw_params_set_start_threshold(handle, sw, capture ? 1 : (nuint)startFrames), device, "set start threshold");
                Check(AlsaNative.snd_pcm_sw_params_set_avail_min(handle, sw, period), device, "set avail_min");
                Check(AlsaNative.snd_pcm_sw_params(handle, sw), device, "apply software parameters");
            }
            finally
            {
                AlsaNative.snd_pcm_sw_params_free(sw);
            }

            Check(AlsaNative.snd_pcm_prepare(handle), device, "prepare");
            return new AlsaPcmStream(handle, device, capture, channels, (int)period, (int)buffer);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    public int ReadPeriod(Span<short> interleaved)
    {
        lock (_lock)
        {
            fixed (short* p = interleaved)
            {
                return (int)AlsaNative.snd_pcm_readi(_handle, p, (nuint)(interleaved.Length / _channels));
            }
        }
    }

    public int WritePeriod(ReadOnlySpan<short> interleaved)
    {
        lock (_lock)
        {
            fixed (short* p = interleaved)
            {
                return (int)AlsaNative.snd_pcm_writei(_handle, p, (nuint)(interleaved.Length / _channels));
            }
        }
    }

    public int Recover(int error)
    {
        lock (_lock)
        {
            return AlsaNative.snd_pcm_recover(_handle, error, 1);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (!_handle.IsClosed)
            {
                _ = AlsaNative.snd_pcm_drop(_handle);
            }

            _handle.Dispose();
        }
    }

    /// <summary>alsa-lib's text for a negative errno.</summary>
    public static string ErrorText(int error) => Marshal.PtrToStringUTF8(AlsaNative.snd_strerror(error)) ?? $"error {error}";

    private static void Check(int result, string device, string step)
    {
        if (result < 0)
        {
            throw new AlsaException($"ALSA device \"{device}\": cannot {step}: {ErrorText(result)}") { Error = result };
        }
    }
}
