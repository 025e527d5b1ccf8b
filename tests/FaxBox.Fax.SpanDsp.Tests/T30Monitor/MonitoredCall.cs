using FaxBox.Core;
using FaxBox.Fax.SpanDsp.Tests.Audio;
using Microsoft.Extensions.Logging.Abstractions;

namespace FaxBox.Fax.SpanDsp.Tests.T30Monitor;

/// <summary>
/// Two native audio fax terminals back to back (A calls and sends, B answers and receives), with a passive T.30 monitor
/// on each direction of the audio, as the gateway runs them on a G.711 pass-through call. Clocked by the test.
/// </summary>
internal sealed class MonitoredCall : IDisposable
{
    private readonly short[] _aToB = new short[AudioFrame.Samples];
    private readonly short[] _bToA = new short[AudioFrame.Samples];
    private readonly Companding _law;

    public MonitoredCall(string sendFile, string receiveFile, bool ecm, Companding law = Companding.Linear, FaxModems modems = FaxModems.All)
    {
        _law = law;
        var engine = new SpanDspFaxEngine(NullLoggerFactory.Instance);
        Sender = engine.CreateAudioTerminal(new FaxTerminalOptions
        {
            Direction = FaxDirection.Send, SendFile = sendFile, Ecm = ecm, Modems = modems, LocalIdent = "+41 44 111 11 11", Watchdog = TimeSpan.FromMinutes(20),
        });
        Receiver = engine.CreateAudioTerminal(new FaxTerminalOptions
        {
            Direction = FaxDirection.Receive, ReceiveFile = receiveFile, Ecm = ecm, Modems = modems, LocalIdent = "+41 44 222 22 22", Watchdog = TimeSpan.FromMinutes(20),
        });
        AToB = engine.CreateT30Monitor();
        BToA = engine.CreateT30Monitor();
        Sender.Frame += (_, e) => SenderFrames.Add(e);
        Receiver.Frame += (_, e) => ReceiverFrames.Add(e);
        AToB.Frame += (_, e) => AToBFrames.Add(e);
        BToA.Frame += (_, e) => BToAFrames.Add(e);
    }

    public IAudioFaxTerminal Sender { get; }

    public IAudioFaxTerminal Receiver { get; }

    public IT30Monitor AToB { get; }

    public IT30Monitor BToA { get; }

    /// <summary>The sender's own T.30 frame reports, both directions.</summary>
    public List<T30FrameEventArgs> SenderFrames { get; } = [];

    /// <summary>The receiver's own T.30 frame reports, both directions.</summary>
    public List<T30FrameEventArgs> ReceiverFrames { get; } = [];

    /// <summary>What the monitor on A's transmitted audio decoded.</summary>
    public List<T30FrameEventArgs> AToBFrames { get; } = [];

    /// <summary>What the monitor on B's transmitted audio decoded.</summary>
    public List<T30FrameEventArgs> BToAFrames { get; } = [];

    /// <summary>Ticks until both terminals are complete (then one more second, so the last DCN is through) or the budget runs out.</summary>
    public int RunToEnd(int maxFrames = 60_000)
    {
        var frames = 0;
        var tail = 0;
        while (frames < maxFrames && tail < 50)
        {
            Tick();
            frames++;
            if (Sender.IsComplete && Receiver.IsComplete)
            {
                tail++;
            }
        }

        return frames;
    }

    public void Dispose()
    {
        Sender.Dispose();
        Receiver.Dispose();
        AToB.Dispose();
        BToA.Dispose();
    }

    private void Tick()
    {
        Sender.TransmitAudio(_aToB);
        Receiver.TransmitAudio(_bToA);
        G711.RoundTrip(_aToB, _law);
        G711.RoundTrip(_bToA, _law);
        AToB.ReceiveAudio(_aToB);
        BToA.ReceiveAudio(_bToA);
        Sender.ReceiveAudio(_bToA);
        Receiver.ReceiveAudio(_aToB);
    }
}
