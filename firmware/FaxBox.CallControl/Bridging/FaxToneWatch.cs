using FaxBox.Fax.Tones;

namespace FaxBox.CallControl.Bridging;

/// <summary>
/// One direction's fax tone detector: feeds it frames and reports each tone's first start once (CNG, CED/ANS and its
/// variants, V.21 preamble), as a <see cref="FaxToneEvent"/> stamped with the call's media time. Media thread only.
/// <para>
/// The line side's watch can be given the network side's as its echo reference: a 2-wire line returns what the box
/// plays to it through the hybrid (G.168's echo return loss, typically 10–20 dB), so the network's CED or V.21 preamble
/// is heard from the line too, a few milliseconds later. A tone the line watch hears while the reference hears the same
/// tone (or heard it within <see cref="EchoHangover"/>) is that echo, not the local terminal: it is not reported, and a
/// later start of the same tone on its own still is.
/// </para>
/// </summary>
internal sealed class FaxToneWatch : IDisposable
{
    /// <summary>How long after the reference lost a tone the line's copy of it still counts as echo (echo path delay plus detector hang-over).</summary>
    public static readonly TimeSpan EchoHangover = TimeSpan.FromMilliseconds(250);

    private const int Tones = 8;

    private readonly IToneDetector _detector;
    private readonly bool _fromLine;
    private readonly Action<FaxToneEvent> _report;
    private readonly Action<FaxToneEvent>? _echo;
    private readonly MediaTimeProvider _time;
    private readonly FaxToneWatch? _echoReference;
    private readonly TimeSpan[] _endedAt = new TimeSpan[Tones];
    private int _reported;
    private int _present;

    /// <param name="detector">The tone detector (disposed with the watch).</param>
    /// <param name="fromLine">True for the line side's watch.</param>
    /// <param name="time">The call's media time.</param>
    /// <param name="report">Called at a tone's first start.</param>
    /// <param name="echoReference">The opposite direction's watch whose tones come back as echo; null for none.</param>
    /// <param name="echo">Called when a start was taken for echo and not reported; null for none.</param>
    public FaxToneWatch(IToneDetector detector, bool fromLine, MediaTimeProvider time, Action<FaxToneEvent> report, FaxToneWatch? echoReference = null, Action<FaxToneEvent>? echo = null)
    {
        _detector = detector;
        _fromLine = fromLine;
        _time = time;
        _report = report;
        _echoReference = echoReference;
        _echo = echo;
        Array.Fill(_endedAt, TimeSpan.MinValue);
        _detector.ToneChanged += OnToneChanged;
    }

    /// <summary>Tones reported so far, one bit per <see cref="FaxTone"/>.</summary>
    public int Reported => _reported;

    /// <summary>Listens to one 20 ms frame.</summary>
    public void Process(ReadOnlySpan<short> frame) => _detector.Process(frame);

    /// <summary>True while <paramref name="tone"/> is present, or when it ended no longer than <paramref name="hangover"/> ago.</summary>
    public bool Hears(FaxTone tone, TimeSpan hangover)
    {
        int index = (int)tone;
        if ((uint)index >= Tones)
        {
            return false;
        }

        return (_present & (1 << index)) != 0 || (_endedAt[index] != TimeSpan.MinValue && _time.Now - _endedAt[index] <= hangover);
    }

    public void Dispose()
    {
        _detector.ToneChanged -= OnToneChanged;
        _detector.Dispose();
    }

    private void OnToneChanged(object? sender, ToneEvent e)
    {
        int index = (int)e.Tone;
        int bit = 1 << index;
        if (!e.Present)
        {
            if ((_present & bit) != 0 && (uint)index < Tones)
            {
                _endedAt[index] = _time.Now;
            }

            _present &= ~bit;
            return;
        }

        _present |= bit;
        if ((_reported & bit) != 0)
        {
            return;
        }

        var tone = new FaxToneEvent(e.Tone, _fromLine, _time.Now);
        if (_echoReference is { } reference && reference.Hears(e.Tone, EchoHangover))
        {
            _echo?.Invoke(tone);
            return;
        }

        _reported |= bit;
        _report(tone);
    }
}
