using System.Runtime.InteropServices;

namespace FaxBox.LineInterface.Hardware.Alsa;

/// <summary>One snd_pcm_t; closed exactly once with snd_pcm_close.</summary>
internal sealed class AlsaPcmHandle : SafeHandle
{
    public AlsaPcmHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle() => AlsaNative.snd_pcm_close(handle) == 0;
}
