using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FaxBox.Core;
using FaxBox.Fax;
using FaxBox.Fax.SpanDsp.Interop;

namespace FaxBox.Benchmarks;

/// <summary>
/// --overhead: isolates the managed part of the wrapper's per-frame cost, which the whole-call comparison cannot
/// resolve under the VM's run-to-run noise. On one engine object, frames alternate between the public wrapper call and
/// the same libspandsp call made directly (the binding's own P/Invoke, on the object's native state, found by
/// reflection), so both paths drive the same native state through the same work; the median of the per-pair
/// differences is the wrapper's forward-call overhead. A second test prices the P/Invoke GC transition itself.
/// Callbacks (IFP out, T.30 frame handler) run through the wrapper's handlers on both paths, so they cancel out here.
/// </summary>
internal static unsafe class Overhead
{
    private const int FramesPerObject = 1500; // 30 s: an idle answering terminal is still sending CED/DIS

    private sealed class NullSink : IIfpSink
    {
        public void SendIfp(ReadOnlySpan<byte> ifp, int repeatCount)
        {
        }
    }

    public static void Run(IFaxEngine engine, string rxTif, int objects)
    {
        var inv = CultureInfo.InvariantCulture;
        var overheadNs = ThreadCpuClock.CalibrateOverheadNs();
        Console.Out.WriteLine(string.Create(inv, $"# faxbox-bench --overhead: {objects} objects x {FramesPerObject} frames per kind, wrapper and direct calls alternating on the same object; timer overhead {overheadNs:F1} ns"));

        var silence = new short[AudioFrame.Samples];
        // The direct path passes its own input buffer straight in, as spandsp_bench.c does (spandsp's DC restore rewrites
        // it in place; silence stays silence), so the wrapper's copy of the frame counts as wrapper overhead.
        var scratch = new short[AudioFrame.Samples];
        var output = new short[AudioFrame.Samples];
        var sink = new NullSink();
        FaxTerminalOptions Receiver() => new() { Direction = FaxDirection.Receive, ReceiveFile = rxTif, LocalIdent = "FaxBox bench RX" };

        // Audio terminal: ReceiveAudio + TransmitAudio against fax_rx + fax_tx.
        Measure("audio-terminal ReceiveAudio+TransmitAudio", objects, overheadNs, () =>
        {
            var t = engine.CreateAudioTerminal(Receiver());
            var s = NativeState(t);
            return (t, () => { t.ReceiveAudio(silence); t.TransmitAudio(output); }, () =>
            {
                fixed (short* i = scratch)
                fixed (short* o = output)
                {
                    SpanDspNative.fax_rx(s, i, AudioFrame.Samples);
                    SpanDspNative.fax_tx(s, o, AudioFrame.Samples);
                }
            });
        });

        // Gateway: ReceiveAudio + TransmitAudio against t38_gateway_rx + t38_gateway_tx.
        Measure("gateway ReceiveAudio+TransmitAudio", objects, overheadNs, () =>
        {
            var g = engine.CreateT38Gateway(new T38GatewayOptions(), sink);
            var s = NativeState(g);
            return (g, () => { g.ReceiveAudio(silence); g.TransmitAudio(output); }, () =>
            {
                fixed (short* i = scratch)
                fixed (short* o = output)
                {
                    SpanDspNative.t38_gateway_rx(s, i, AudioFrame.Samples);
                    SpanDspNative.t38_gateway_tx(s, o, AudioFrame.Samples);
                }
            });
        });

        // T.38 terminal: Tick against t38_terminal_send_timeout.
        Measure("t38-terminal Tick", objects, overheadNs, () =>
        {
            var t = engine.CreateT38Terminal(Receiver(), sink);
            var s = NativeState(t);
            return (t, () => t.Tick(), () => SpanDspNative.t38_terminal_send_timeout(s, AudioFrame.Samples));
        });

        TransitionCost(overheadNs);
    }

    /// <summary>The native state pointer behind a wrapper object (its private SafeHandle field <c>_state</c>).</summary>
    private static nint NativeState(object wrapper)
    {
        var field = wrapper.GetType().GetField("_state", BindingFlags.Instance | BindingFlags.NonPublic)
                    ?? throw new InvalidOperationException($"{wrapper.GetType().Name} has no _state field");
        return ((SafeHandle)field.GetValue(wrapper)!).DangerousGetHandle();
    }

    private static void Measure(string what, int objects, double overheadNs, Func<(IDisposable Owner, Action Wrapper, Action Direct)> create)
    {
        var diffs = new List<double>(objects * FramesPerObject / 2);
        var wrapperNs = new List<double>(objects * FramesPerObject / 2);
        var directNs = new List<double>(objects * FramesPerObject / 2);
        for (var round = 0; round < objects + 2; round++)
        {
            var (owner, wrapper, direct) = create();
            using (owner)
            {
                for (var f = 0; f < FramesPerObject; f += 2)
                {
                    // Alternate which path goes first, per object, so neither always gets the "first of the pair" frame.
                    bool wrapperFirst = (round & 1) == 0;
                    var a = Time(wrapperFirst ? wrapper : direct, overheadNs);
                    var b = Time(wrapperFirst ? direct : wrapper, overheadNs);
                    var (w, d) = wrapperFirst ? (a, b) : (b, a);
                    if (round >= 2)
                    {
                        // The first two objects only warm the JIT.
                        wrapperNs.Add(w);
                        directNs.Add(d);
                        diffs.Add(w - d);
                    }
                }
            }
        }

        Console.Out.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"overhead={what.Replace(' ', '_')} pairs={diffs.Count} wrapper_ns_p50={Median(wrapperNs):F0} direct_ns_p50={Median(directNs):F0} diff_ns_p50={Median(diffs):F1} wrapper_ns_mean={wrapperNs.Average():F0} direct_ns_mean={directNs.Average():F0} diff_ns_mean={wrapperNs.Average() - directNs.Average():F1}"));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static double Time(Action action, double overheadNs)
    {
        var start = ThreadCpuClock.NowNs();
        action();
        var end = ThreadCpuClock.NowNs();
        return end - start - overheadNs;
    }

    /// <summary>Price of the GC transition on one P/Invoke: a trivial getter called normally and with the transition suppressed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    private static void TransitionCost(double overheadNs)
    {
        const int Calls = 2_000_000;
        var lib = NativeLibrary.Load(SpanDspNative.Library);
        var getter = (delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, nint>)NativeLibrary.GetExport(lib, "fax_get_t30_state");
        var s = SpanDspNative.fax_init(0, 0);
        nint sink = 0;
        double normal = 0, suppressed = 0;
        for (var round = 0; round < 3; round++)
        {
            var t0 = ThreadCpuClock.NowNs();
            for (var i = 0; i < Calls; i++)
            {
                sink ^= SpanDspNative.fax_get_t30_state(s);
            }

            var t1 = ThreadCpuClock.NowNs();
            for (var i = 0; i < Calls; i++)
            {
                sink ^= getter(s);
            }

            var t2 = ThreadCpuClock.NowNs();
            normal = (t1 - t0 - overheadNs) / Calls;
            suppressed = (t2 - t1 - overheadNs) / Calls;
        }

        SpanDspNative.fax_free(s);
        Console.Out.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"overhead=pinvoke_gc_transition calls={Calls} normal_ns={normal:F2} suppressed_ns={suppressed:F2} transition_ns={normal - suppressed:F2} (checksum {sink & 1})"));
    }

    private static double Median(List<double> values)
    {
        var a = values.ToArray();
        Array.Sort(a);
        return a.Length == 0 ? 0 : a[a.Length / 2];
    }
}
