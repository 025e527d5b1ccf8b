using FaxBox.Fax.Tones;

namespace FaxBox.CallControl.Bridging;

/// <summary>
/// One direction's fax tone detector: feeds it frames and reports each tone's first start once (CNG, CED/ANS and its
/// variants, V.21 preamble), as a <see cref="FaxToneEvent"/> stamped with the call's media time. Media thread only.
/// </summary>
internal sealed class FaxToneWatch : IDisposable
{
    private readonly IToneDetector _detector;
    private readonly bool _fromLine;
    private readonly Action<FaxToneEvent> _report;
    private readonly MediaTimeProvider _time;
    private int _reported;

    public FaxToneWatch(IToneDetector detector, bool fromLine, MediaTimeProvider time, Action<FaxToneEvent> report)
    {
        _detector = detector;
        _fromLine = fromLine;
        _time = time;
        _report = report;
        _detector.ToneChanged += OnToneChanged;
    }

    /// <summary>Tones reported so far, one bit per <see cref="FaxTone"/>.</summary>
    public int Reported => _reported;

    /// <summary>Listens to one 20 ms frame.</summary>
    public void Process(ReadOnlySpan<short> frame) => _detector.Process(frame);

    public void Dispose()
    {
        _detector.ToneChanged -= OnToneChanged;
        _detector.Dispose();
    }

    private void OnToneChanged(object? sender, ToneEvent e)
    {
        int bit = 1 << (int)e.Tone;
        if (!e.Present || (_reported & bit) != 0)
        {
            return;
        }

        _reported |= bit;
        _report(new FaxToneEvent(e.Tone, _fromLine, _time.Now));
    }
}
