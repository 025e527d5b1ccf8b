using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FaxBox.Core;
using FaxBox.Fax.SpanDsp.Handles;
using FaxBox.Fax.SpanDsp.Interop;
using FaxBox.Fax.SpanDsp.T30;
using Microsoft.Extensions.Logging;

namespace FaxBox.Fax.SpanDsp.T38;

/// <summary>
/// T.30 over T.38 on spandsp's <c>t38_terminal_state_t</c>. Ticked with exactly 160 samples per 20 ms frame: the
/// library sends only one paced chunk per call, so a late caller catches up by ticking repeatedly, never with a
/// larger sample count (notes §4.4). IFPs leave through the sink with spandsp's repeat count.
/// </summary>
internal sealed unsafe class SpanDspT38Terminal : SpanDspTerminal, IT38FaxTerminal
{
    private readonly T38TerminalHandle _state;
    private readonly IfpOutput _output;
    private readonly nint _core;

    public SpanDspT38Terminal(FaxTerminalOptions options, IIfpSink sink, ILogger logger)
        : base(options, logger)
    {
        ArgumentNullException.ThrowIfNull(sink);
        _output = new IfpOutput(sink, Fault);
        _state = new T38TerminalHandle(SpanDspNative.t38_terminal_init(0, options.IsCallingParty ? 1 : 0, &OnTxPacket, SelfPointer));
        _state.EnsureValid("a t38_terminal_state_t");
        var s = _state.DangerousGetHandle();
        _core = SpanDspNative.t38_terminal_get_t38_core_state(s);
        T38Settings.Apply(_core, options.T38);
        ConfigureT30(
            SpanDspNative.t38_terminal_get_t30_state(s),
            SpanDspNative.t38_terminal_get_logging_state(s),
            SpanDspNative.t38_core_get_logging_state(_core));
    }

    public IfpCounters Packets => _output.Packets;

    public void Tick()
    {
        ThrowIfDisposed();
        SpanDspNative.t38_terminal_send_timeout(_state.DangerousGetHandle(), AudioFrame.Samples);
        CountFrame();
        ThrowPending();
    }

    public void ReceiveIfp(ReadOnlySpan<byte> ifp, ushort sequenceNumber)
    {
        ThrowIfDisposed();
        _output.CountReceived(ifp.Length);
        fixed (byte* p = ifp)
        {
            SpanDspNative.t38_core_rx_ifp_packet(_core, p, ifp.Length, sequenceNumber);
        }

        ThrowPending();
    }

    protected override void ReleaseNative() => _state.Dispose();

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnTxPacket(nint core, nint userData, byte* buf, int len, int count)
    {
        (GCHandle.FromIntPtr(userData).Target as SpanDspT38Terminal)?._output.Send(buf, len, count);
        return 0;
    }
}
