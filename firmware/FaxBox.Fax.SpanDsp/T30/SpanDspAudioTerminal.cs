using FaxBox.Core;
using FaxBox.Fax.SpanDsp.Handles;
using FaxBox.Fax.SpanDsp.Interop;
using Microsoft.Extensions.Logging;

namespace FaxBox.Fax.SpanDsp.T30;

/// <summary>
/// T.30 over audio on spandsp's <c>fax_state_t</c>. Quirks handled: <c>fax_rx</c> modifies its input (the frame
/// is copied into a scratch buffer first), <c>fax_tx</c> returns short blocks when idle unless transmit-on-idle is
/// set (it is, and any shortfall is padded with silence), and only <c>fax_rx</c> runs the T.30 timers (so it must be
/// fed every 20 ms, silence included).
/// </summary>
internal sealed unsafe class SpanDspAudioTerminal : SpanDspTerminal, IAudioFaxTerminal
{
    private readonly FaxStateHandle _state;
    private readonly short[] _scratch = new short[AudioFrame.Samples];

    public SpanDspAudioTerminal(FaxTerminalOptions options, ILogger logger)
        : base(options, logger)
    {
        _state = new FaxStateHandle(SpanDspNative.fax_init(0, options.IsCallingParty ? 1 : 0));
        _state.EnsureValid("a fax_state_t");
        var s = _state.DangerousGetHandle();
        SpanDspNative.fax_set_transmit_on_idle(s, 1);
        ConfigureT30(SpanDspNative.fax_get_t30_state(s), SpanDspNative.fax_get_logging_state(s));
    }

    public void ReceiveAudio(ReadOnlySpan<short> frame)
    {
        ThrowIfDisposed();
        AudioFrame.EnsureFrame(frame.Length, nameof(frame));
        frame.CopyTo(_scratch);
        fixed (short* p = _scratch)
        {
            SpanDspNative.fax_rx(_state.DangerousGetHandle(), p, AudioFrame.Samples);
        }

        CountFrame();
        ThrowPending();
    }

    public void TransmitAudio(Span<short> frame)
    {
        ThrowIfDisposed();
        AudioFrame.EnsureFrame(frame.Length, nameof(frame));
        int produced;
        fixed (short* p = frame)
        {
            produced = SpanDspNative.fax_tx(_state.DangerousGetHandle(), p, AudioFrame.Samples);
        }

        frame[Math.Max(produced, 0)..].Clear();
        ThrowPending();
    }

    protected override void ReleaseNative() => _state.Dispose();
}
