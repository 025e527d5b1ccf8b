using System.Net;
using FaxBox.CallControl.Bridging;
using FaxBox.CallControl.Configuration;
using FaxBox.Core.Status;
using FaxBox.Fax.Tones;
using FaxBox.Sip.Sdp;

namespace FaxBox.CallControl.Tests.Gateway;

/// <summary>In-process call media for signalling tests: no sockets, records every mode change, raises tones on request.</summary>
internal sealed class FakeCallMedia : ICallMedia
{
    private static int _nextPort = 50_000;
    private readonly Lock _gate = new();
    private readonly List<string> _changes = [];
    private TimeSpan _now;
    private FaxTone? _raise;
    private bool _raiseFromLine;

    public FakeCallMedia()
    {
        var port = Interlocked.Add(ref _nextPort, 4);
        AudioEndPoint = new IPEndPoint(IPAddress.Loopback, port);
        ImageEndPoint = new IPEndPoint(IPAddress.Loopback, port + 2);
    }

    public IPEndPoint AudioEndPoint { get; }

    public IPEndPoint ImageEndPoint { get; }

    public CallMediaMode Mode { get; private set; }

    public bool FaxAdapted { get; private set; }

    public bool Disposed { get; private set; }

    public IReadOnlyList<string> Changes
    {
        get
        {
            lock (_gate)
            {
                return [.. _changes];
            }
        }
    }

    public bool FaxComplete => false;

    public event EventHandler<FaxToneEvent>? FaxToneDetected;

    public event EventHandler<FaxBox.CallControl.Records.T30Progress>? FaxProgress;

    /// <summary>Reports a T.30 step as the real media would.</summary>
    public void RaiseFaxProgress(string phase, int pages) => FaxProgress?.Invoke(this, new FaxBox.CallControl.Records.T30Progress(phase, pages, 14_400, true));

    /// <summary>Raises <paramref name="tone"/> at the next frame, as if heard from the line or the network.</summary>
    public void HearAtNextFrame(FaxTone tone, bool fromLine)
    {
        lock (_gate)
        {
            _raise = tone;
            _raiseFromLine = fromLine;
        }
    }

    public void UseAudio(IPEndPoint remote, int payloadType, int telephoneEventPayloadType, bool faxAdapted) =>
        Record(faxAdapted ? CallMediaMode.G711Fax : CallMediaMode.Voice, $"audio {remote} pt{payloadType}{(faxAdapted ? " fax" : "")}", faxAdapted);

    public void UseT38(IPEndPoint remote, T38Session session) => Record(CallMediaMode.T38, $"t38 {remote} v{session.Version} {session.ErrorCorrection}", true);

    public void Stop() => Record(CallMediaMode.None, "stop", FaxAdapted);

    public void Exchange(ReadOnlySpan<short> fromLine, Span<short> toLine)
    {
        _now += TimeSpan.FromMilliseconds(20);
        FaxTone? tone;
        bool fromLineSide;
        lock (_gate)
        {
            tone = _raise;
            fromLineSide = _raiseFromLine;
            _raise = null;
        }

        if (tone is { } t)
        {
            FaxToneDetected?.Invoke(this, new FaxToneEvent(t, fromLineSide, _now));
        }
    }

    public CallMediaStatistics GetStatistics() =>
        new(Mode, new FaxNetworkStatistics(10, 10, 0, 0, 0), 1, 14_400, true, "ok", true, _now);

    public void Dispose() => Disposed = true;

    private void Record(CallMediaMode mode, string change, bool faxAdapted)
    {
        lock (_gate)
        {
            Mode = mode;
            FaxAdapted = faxAdapted;
            _changes.Add(change);
        }
    }
}
