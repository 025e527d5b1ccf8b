using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FaxBox.Core;
using FaxBox.Fax.SpanDsp.Handles;
using FaxBox.Fax.SpanDsp.Interop;
using FaxBox.Fax.Tones;

namespace FaxBox.Fax.SpanDsp.Tones;

/// <summary>
/// Connect-tone detector on spandsp's <c>modem_connect_tones_rx</c>, one native detector per requested family:
/// <list type="bullet">
/// <item><c>MODEM_CONNECT_TONES_FAX_CNG</c> reports <see cref="FaxTone.Cng"/> (after ~415 ms of 1100 Hz).</item>
/// <item><c>MODEM_CONNECT_TONES_ANS</c> reports the whole 2100 Hz family distinctly: ANS (<see cref="FaxTone.Ced"/>),
/// ANS/PR, ANSam and ANSam/PR; the kind is decided once, when the tone is confirmed (ANS/ANSam after ~0.74 s,
/// the phase-reversing kinds after three 450 ms cycles, ~1.5 s). Measured on 0.0.6: rx tone types 2–5 and
/// <c>FAX_CED_OR_PREAMBLE</c> (7) all run the same 2100 Hz code and report the four kinds alike; 7 would also report the
/// preamble, which has its own detector here.</item>
/// <item><c>MODEM_CONNECT_TONES_FAX_PREAMBLE</c> reports <see cref="FaxTone.V21Preamble"/> after a run of back-to-back V.21 flags.</item>
/// </list>
/// Each start (with spandsp's level estimate) and each end is raised exactly once, after the native call has returned.
/// <see cref="ToneEvent.At"/> is the end of the 20 ms frame in which spandsp made its decision, counted from creation
/// (spandsp 0.0.6 passes a delay of 0 in these reports, so nothing finer is available). Not thread-safe.
/// </summary>
internal sealed unsafe class SpanDspToneDetector : IToneDetector
{
    private readonly Family[] _families;
    private readonly List<PendingReport> _pending = new(capacity: 8);
    private readonly CallbackFault _fault = new();
    private long _frames;
    private bool _disposed;

    public SpanDspToneDetector(ToneDetectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var families = new List<Family>(3);
        try
        {
            if (options.Cng)
            {
                families.Add(new Family(this, SpanDspNative.ModemConnectTonesFaxCng, "a CNG detector"));
            }

            if (options.Answer)
            {
                families.Add(new Family(this, SpanDspNative.ModemConnectTonesAns, "an ANS/ANSam detector"));
            }

            if (options.V21Preamble)
            {
                families.Add(new Family(this, SpanDspNative.ModemConnectTonesFaxPreamble, "a V.21 preamble detector"));
            }
        }
        catch
        {
            foreach (var family in families)
            {
                family.Dispose();
            }

            throw;
        }

        _families = families.ToArray();
    }

    public event EventHandler<ToneEvent>? ToneChanged;

    public void Process(ReadOnlySpan<short> frame)
    {
        AudioFrame.EnsureFrame(frame.Length, nameof(frame));
        ObjectDisposedException.ThrowIf(_disposed, this);

        // modem_connect_tones_rx takes const int16_t[]: the caller's frame is passed as is.
        fixed (short* amp = frame)
        {
            foreach (var family in _families)
            {
                SpanDspNative.modem_connect_tones_rx(family.State, amp, frame.Length);
            }
        }

        _frames++;
        _fault.ThrowIfCaptured();
        if (_pending.Count == 0)
        {
            return;
        }

        var at = TimeSpan.FromMilliseconds(_frames * AudioFrame.Milliseconds);
        Span<ToneEvent> events = stackalloc ToneEvent[2 * _pending.Count];
        var count = 0;
        foreach (var report in _pending)
        {
            count += report.Family.Translate(report, at, events[count..]);
        }

        _pending.Clear();
        foreach (var e in events[..count])
        {
            ToneChanged?.Invoke(this, e);
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var family in _families)
        {
            family.Dispose();
        }
    }

    /// <summary>Maps a spandsp report code to the tone it names, or null for codes this detector does not expect.</summary>
    internal static FaxTone? ToFaxTone(int code) => code switch
    {
        SpanDspNative.ModemConnectTonesFaxCng => FaxTone.Cng,
        SpanDspNative.ModemConnectTonesAns => FaxTone.Ced,
        SpanDspNative.ModemConnectTonesAnsPr => FaxTone.AnsPr,
        SpanDspNative.ModemConnectTonesAnsAm => FaxTone.AnsAm,
        SpanDspNative.ModemConnectTonesAnsAmPr => FaxTone.AnsAmPr,
        SpanDspNative.ModemConnectTonesFaxPreamble => FaxTone.V21Preamble,
        _ => null,
    };

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static void OnToneReport(nint userData, int code, int level, int delay)
    {
        if (GCHandle.FromIntPtr(userData).Target is not Family family)
        {
            return;
        }

        try
        {
            family.Owner._pending.Add(new PendingReport(family, code, level, delay));
        }
        catch (Exception ex)
        {
            family.Owner._fault.Capture(ex);
        }
    }

    private readonly record struct PendingReport(Family Family, int Code, int Level, int Delay);

    /// <summary>One native detector, with the tone it currently considers present.</summary>
    private sealed class Family : IDisposable
    {
        private GCHandle _self;
        private FaxTone? _present;

        public Family(SpanDspToneDetector owner, int toneType, string what)
        {
            Owner = owner;
            _self = GCHandle.Alloc(this);
            State = SpanDspNative.modem_connect_tones_rx_init(0, toneType, &OnToneReport, GCHandle.ToIntPtr(_self));
            if (State.IsInvalid)
            {
                _self.Free();
                State.EnsureValid(what);
            }
        }

        public SpanDspToneDetector Owner { get; }

        public ModemConnectTonesRxHandle State { get; }

        /// <summary>Turns one native report into at most two events (end of the old tone, start of the new one).</summary>
        public int Translate(PendingReport report, TimeSpan at, Span<ToneEvent> into)
        {
            var tone = ToFaxTone(report.Code);
            if (tone == _present)
            {
                return 0;
            }

            var count = 0;
            if (_present is { } ended)
            {
                into[count++] = new ToneEvent(ended, Present: false, LevelDbm0: null, at);
            }

            if (tone is { } started)
            {
                into[count++] = new ToneEvent(started, Present: true, LevelDbm0: report.Level, at);
            }

            _present = tone;
            return count;
        }

        public void Dispose()
        {
            State.Dispose();
            if (_self.IsAllocated)
            {
                _self.Free();
            }
        }
    }
}
