using FaxBox.Core;
using Microsoft.Extensions.Logging.Abstractions;

namespace FaxBox.Fax.SpanDsp.Tests.T30;

/// <summary>Two native audio terminals joined back to back, clocked by the test.</summary>
internal sealed class FaxPair : IDisposable
{
    private readonly short[] _aToB = new short[AudioFrame.Samples];
    private readonly short[] _bToA = new short[AudioFrame.Samples];

    public FaxPair(string sendFile, string receiveFile, bool ecm = true, FaxModems modems = FaxModems.All, TimeSpan? watchdog = null)
    {
        Engine = new SpanDspFaxEngine(NullLoggerFactory.Instance);
        Sender = Engine.CreateAudioTerminal(new FaxTerminalOptions
        {
            Direction = FaxDirection.Send, SendFile = sendFile, Ecm = ecm, Modems = modems, LocalIdent = "111", Watchdog = watchdog ?? TimeSpan.FromMinutes(20),
        });
        Receiver = Engine.CreateAudioTerminal(new FaxTerminalOptions
        {
            Direction = FaxDirection.Receive, ReceiveFile = receiveFile, Ecm = ecm, Modems = modems, LocalIdent = "222", Watchdog = watchdog ?? TimeSpan.FromMinutes(20),
        });
    }

    public SpanDspFaxEngine Engine { get; }

    public IAudioFaxTerminal Sender { get; }

    public IAudioFaxTerminal Receiver { get; }

    /// <summary>One 20 ms tick both ways.</summary>
    public void Tick()
    {
        Sender.TransmitAudio(_aToB);
        Receiver.TransmitAudio(_bToA);
        Sender.ReceiveAudio(_bToA);
        Receiver.ReceiveAudio(_aToB);
    }

    /// <summary>Ticks until both ends are complete or the frame budget runs out; returns the frames used.</summary>
    public int RunToEnd(int maxFrames = 60_000)
    {
        var frames = 0;
        while (!(Sender.IsComplete && Receiver.IsComplete) && frames < maxFrames)
        {
            Tick();
            frames++;
        }

        return frames;
    }

    public void Dispose()
    {
        Sender.Dispose();
        Receiver.Dispose();
    }
}
