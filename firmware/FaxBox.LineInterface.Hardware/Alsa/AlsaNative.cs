using System.Runtime.InteropServices;

namespace FaxBox.LineInterface.Hardware.Alsa;

/// <summary>
/// Raw declarations of alsa-lib's PCM API (<c>libasound.so.2</c>, Debian package libasound2), with the library's own
/// names. Pointers to snd_pcm_t and the params structures are opaque. snd_pcm_uframes_t/sframes_t are C longs (nuint/nint on Linux).
/// </summary>
internal static partial class AlsaNative
{
    public const string Library = "libasound.so.2";

    public const int SND_PCM_STREAM_PLAYBACK = 0;
    public const int SND_PCM_STREAM_CAPTURE = 1;
    public const int SND_PCM_ACCESS_RW_INTERLEAVED = 3;
    public const int SND_PCM_FORMAT_S16_LE = 2;

    /// <summary>-EPIPE: an underrun (playback) or overrun (capture).</summary>
    public const int EPIPE = 32;

    /// <summary>-ESTRPIPE: the stream was suspended.</summary>
    public const int ESTRPIPE = 86;

    /// <summary>-EAGAIN.</summary>
    public const int EAGAIN = 11;

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int snd_pcm_open(out AlsaPcmHandle pcm, string name, int stream, int mode);

    [LibraryImport(Library)]
    public static partial int snd_pcm_close(IntPtr pcm);

    [LibraryImport(Library)]
    public static partial int snd_pcm_hw_params_malloc(out IntPtr ptr);

    [LibraryImport(Library)]
    public static partial void snd_pcm_hw_params_free(IntPtr obj);

    [LibraryImport(Library)]
    public static partial int snd_pcm_hw_params_any(AlsaPcmHandle pcm, IntPtr parameters);

    [LibraryImport(Library)]
    public static partial int snd_pcm_hw_params_set_access(AlsaPcmHandle pcm, IntPtr parameters, int access);

    [LibraryImport(Library)]
    public static partial int snd_pcm_hw_params_set_format(AlsaPcmHandle pcm, IntPtr parameters, int format);

    [LibraryImport(Library)]
    public static partial int snd_pcm_hw_params_set_channels(AlsaPcmHandle pcm, IntPtr parameters, uint channels);

    [LibraryImport(Library)]
    public static partial int snd_pcm_hw_params_set_rate_near(AlsaPcmHandle pcm, IntPtr parameters, ref uint rate, ref int dir);

    [LibraryImport(Library)]
    public static partial int snd_pcm_hw_params_set_period_size_near(AlsaPcmHandle pcm, IntPtr parameters, ref nuint frames, ref int dir);

    [LibraryImport(Library)]
    public static partial int snd_pcm_hw_params_set_buffer_size_near(AlsaPcmHandle pcm, IntPtr parameters, ref nuint frames);

    [LibraryImport(Library)]
    public static partial int snd_pcm_hw_params(AlsaPcmHandle pcm, IntPtr parameters);

    [LibraryImport(Library)]
    public static partial int snd_pcm_sw_params_malloc(out IntPtr ptr);

    [LibraryImport(Library)]
    public static partial void snd_pcm_sw_params_free(IntPtr obj);

    [LibraryImport(Library)]
    public static partial int snd_pcm_sw_params_current(AlsaPcmHandle pcm, IntPtr parameters);

    [LibraryImport(Library)]
    public static partial int snd_pcm_sw_params_set_start_threshold(AlsaPcmHandle pcm, IntPtr parameters, nuint frames);

    [LibraryImport(Library)]
    public static partial int snd_pcm_sw_params_set_avail_min(AlsaPcmHandle pcm, IntPtr parameters, nuint frames);

    [LibraryImport(Library)]
    public static partial int snd_pcm_sw_params(AlsaPcmHandle pcm, IntPtr parameters);

    [LibraryImport(Library)]
    public static unsafe partial nint snd_pcm_readi(AlsaPcmHandle pcm, void* buffer, nuint frames);

    [LibraryImport(Library)]
    public static unsafe partial nint snd_pcm_writei(AlsaPcmHandle pcm, void* buffer, nuint frames);

    [LibraryImport(Library)]
    public static partial int snd_pcm_recover(AlsaPcmHandle pcm, int err, int silent);

    [LibraryImport(Library)]
    public static partial int snd_pcm_prepare(AlsaPcmHandle pcm);

    [LibraryImport(Library)]
    public static partial int snd_pcm_drop(AlsaPcmHandle pcm);

    [LibraryImport(Library)]
    public static partial IntPtr snd_strerror(int errnum);
}
