using System.Net;
using FaxBox.CallControl.Bridging;
using FaxBox.CallControl.Configuration;
using FaxBox.Core;
using FaxBox.Fax;
using FaxBox.Fax.Documents;
using FaxBox.Fax.SpanDsp;
using FaxBox.Media.Net;
using FaxBox.Sip.Sdp;
using Microsoft.Extensions.Logging.Abstractions;

namespace FaxBox.CallControl.Tests.Bridging;

/// <summary>
/// Two call media back to back over real sockets on 127.0.0.1, a sending fax machine (an engine audio terminal) on
/// A's line and a receiving one on B's line; each tick every party exchanges one 20 ms frame, faster than real time.
/// </summary>
internal sealed class BridgePair : IDisposable
{
    private readonly TempFolder _temp = TestPaths.NewTempFolder();
    private readonly short[] _senderOut = new short[AudioFrame.Samples];
    private readonly short[] _receiverOut = new short[AudioFrame.Samples];
    private readonly short[] _toSender = new short[AudioFrame.Samples];
    private readonly short[] _toReceiver = new short[AudioFrame.Samples];

    public BridgePair(IFaxEngine? engine = null, FaxOptions? fax = null, int pages = 1)
    {
        var spanDsp = new SpanDspFaxEngine(NullLoggerFactory.Instance);
        Engine = engine ?? spanDsp;
        var ports = new MediaPortAllocator(new MediaPortRange { MinPort = 20000, MaxPort = 60999 }, IPAddress.Loopback);
        A = new CallMedia(fax ?? new FaxOptions(), new MediaOptions(), Engine, ports, "a");
        B = new CallMedia(fax ?? new FaxOptions(), new MediaOptions(), Engine, ports, "b");
        A.FaxToneDetected += (_, e) => Tones.Add(("a", e));
        B.FaxToneDetected += (_, e) => Tones.Add(("b", e));
        SendFile = _temp.File("sent.tif");
        ReceiveFile = _temp.File("received.tif");
        TestPageGenerator.Write(SendFile, new TestPageOptions { Pages = pages, Resolution = FaxResolution.Standard });
        Sender = spanDsp.CreateAudioTerminal(new FaxTerminalOptions { Direction = FaxDirection.Send, SendFile = SendFile, LocalIdent = "111" });
        Receiver = spanDsp.CreateAudioTerminal(new FaxTerminalOptions { Direction = FaxDirection.Receive, ReceiveFile = ReceiveFile, LocalIdent = "222" });
    }

    /// <summary>A T.38 session as two boxes negotiate it by default: version 0, 14400, transferred TCF, redundancy, 400-octet datagrams.</summary>
    public static T38Session DefaultT38 { get; } = new(0, 14400, T38RateManagement.TransferredTcf, T38ErrorCorrection.Redundancy, 400, 2000, false);

    public IFaxEngine Engine { get; }

    public CallMedia A { get; }

    public CallMedia B { get; }

    public IAudioFaxTerminal Sender { get; }

    public IAudioFaxTerminal Receiver { get; }

    public string SendFile { get; }

    public string ReceiveFile { get; }

    public List<(string Side, FaxToneEvent Event)> Tones { get; } = [];

    public long Frames { get; private set; }

    /// <summary>Run after each side's Exchange (a relay between them); not counted in the allocation figures.</summary>
    public Action? Network { get; set; }

    /// <summary>Bytes the two call media allocated inside Exchange during the last <see cref="Tick"/>.</summary>
    public long LastTickAllocated { get; private set; }

    /// <summary>The part of <see cref="LastTickAllocated"/> that A's Exchange allocated.</summary>
    public long LastTickAllocatedByA { get; private set; }

    /// <summary>Methods the runtime compiled on this thread during the last <see cref="Tick"/>'s exchanges and relay (a first use, or an on-stack replacement).</summary>
    public long LastTickJitted { get; private set; }

    /// <summary>Gen-0 collections (by any thread) during the last <see cref="Tick"/>'s exchanges and relay.</summary>
    public int LastTickCollections { get; private set; }

    public void UseG711(bool faxAdapted = true, int payloadType = 0)
    {
        A.UseAudio(B.AudioEndPoint, payloadType, -1, faxAdapted);
        B.UseAudio(A.AudioEndPoint, payloadType, -1, faxAdapted);
    }

    public void UseT38(T38Session? session = null)
    {
        A.UseT38(B.ImageEndPoint, session ?? DefaultT38);
        B.UseT38(A.ImageEndPoint, session ?? DefaultT38);
    }

    public void Tick()
    {
        Sender.TransmitAudio(_senderOut);
        Receiver.TransmitAudio(_receiverOut);
        _toSender.AsSpan().Clear();
        _toReceiver.AsSpan().Clear();
        long jitted = System.Runtime.JitInfo.GetCompiledMethodCount(currentThread: true);
        int collections = GC.CollectionCount(0);
        long a0 = GC.GetAllocatedBytesForCurrentThread();
        A.Exchange(_senderOut, _toSender);
        long a1 = GC.GetAllocatedBytesForCurrentThread();
        Network?.Invoke();
        long b0 = GC.GetAllocatedBytesForCurrentThread();
        B.Exchange(_receiverOut, _toReceiver);
        long b1 = GC.GetAllocatedBytesForCurrentThread();
        LastTickCollections = GC.CollectionCount(0) - collections;
        LastTickJitted = System.Runtime.JitInfo.GetCompiledMethodCount(currentThread: true) - jitted;
        Network?.Invoke();
        LastTickAllocated = (a1 - a0) + (b1 - b0);
        LastTickAllocatedByA = a1 - a0;
        Sender.ReceiveAudio(_toSender);
        Receiver.ReceiveAudio(_toReceiver);
        Frames++;
    }

    /// <summary>Ticks until both terminals are done (bounded: 5 simulated minutes), then 3 s more for the relays to drain.</summary>
    public void RunToEnd(Action? everyTick = null)
    {
        const int Limit = 15_000;
        for (int i = 0; i < Limit && !(Sender.IsComplete && Receiver.IsComplete); i++)
        {
            Tick();
            everyTick?.Invoke();
        }

        for (int i = 0; i < 150; i++)
        {
            Tick();
            everyTick?.Invoke();
        }
    }

    /// <summary>Whether the received document has the sent one's pages, pixel for pixel.</summary>
    /// <summary>Closes the receiving terminal (which completes its TIFF) and compares what it got with what was sent.</summary>
    public PixelComparison CompareReceived()
    {
        Receiver.Dispose();
        return FaxDocumentComparer.Compare(SendFile, ReceiveFile);
    }

    public void Dispose()
    {
        Sender.Dispose();
        Receiver.Dispose();
        A.Dispose();
        B.Dispose();
        _temp.Dispose();
    }
}
