using FaxBox.Fax;
using FaxBox.Fax.Documents;
using FaxBox.LineInterface.Ports;
using FaxBox.LineInterface.Regions;
using FaxBox.LineInterface.Simulated;
using FaxBox.Testing;

namespace FaxBox.LineInterface.Tests.Simulated;

public sealed class FaxThroughPortTests
{
    public static TheoryData<string, DialMethod, double, double?, double?, double> Lines() => new()
    {
        // region, dialling, gain dB, noise dBm0, echo return loss dB, clock offset ppm
        { "US", DialMethod.Dtmf, 0, null, null, 0 },
        { "DE", DialMethod.Pulse, -6, -60, 20, 0 },
        { "UK", DialMethod.Dtmf, -3, -55, 24, 0 },
        { "JP", DialMethod.Pulse, -6, -58, null, 0 },
        { "AU", DialMethod.Dtmf, -6, -58, null, -20 },
        { "FR", DialMethod.Dtmf, -4, -60, null, 0 },
        { "US", DialMethod.Dtmf, 0, null, null, 10 },
    };

    [Theory]
    [MemberData(nameof(Lines))]
    public void FaxMachineOnFxsPortSendsToTheEngine(string code, DialMethod dialling, double gainDb, double? noiseDbm0, double? echoDb, double ppm)
    {
        using var folder = TestPaths.NewTempFolder();
        var call = SendThroughFxsPort(folder, code, dialling, new LineModelOptions { GainDb = gainDb, NoiseDbm0 = noiseDbm0, EchoReturnLossDb = echoDb, ClockOffsetPpm = ppm });

        Assert.Equal("412", call.Dialled);
        Assert.Equal("done", call.Machine.EndReason);
        Assert.True(call.Machine.Result!.Success, call.Machine.Result.T30Text);
        Assert.True(call.Receiver.Success, call.Receiver.T30Text);
        Assert.Equal("VIRTUAL FAX", call.Receiver.RemoteIdent);
        var comparison = FaxDocumentComparer.Compare(call.Sent, call.Received);
        Assert.True(comparison.Identical, comparison.ToString());
    }

    [Fact]
    public void KnownLimitation_A100PpmSampleClockOffsetDefeatsTheNativeEngine()
    {
        // spandsp 0.0.6 does not carry a page across a 100 ppm offset. Smaller offsets pass or fail by configuration
        // (US and AU pass at 10 and 20 ppm below; France at +10 ppm and −4 dB fails, not yet understood).
        using var folder = TestPaths.NewTempFolder();
        var call = SendThroughFxsPort(folder, "IT", DialMethod.Dtmf, new LineModelOptions { ClockOffsetPpm = 100 });

        Assert.False(call.Machine.Result!.Success && call.Receiver.Success);
    }

    private static FaxCall SendThroughFxsPort(TempFolder folder, string code, DialMethod dialling, LineModelOptions model)
    {
        var sent = folder.File("sent.tif");
        var received = folder.File("received.tif");
        TestPageGenerator.Write(sent, new TestPageOptions { Pages = 1 });
        var region = LineRegions.BuiltIn.Get(code);
        var loop = new SimulatedLoop("fxs0", model);
        using var port = new FxsPort("fxs0", loop.Exchange, region, Engine.Native);
        var machine = new VirtualFaxMachine("fax", loop.Subscriber, region, Engine.Native, new VirtualFaxMachineOptions
        {
            Direction = FaxDirection.Send, SendFile = sent, DialMethod = dialling, Watchdog = TimeSpan.FromMinutes(3),
        });
        using var receiver = Engine.Native.CreateAudioTerminal(new FaxTerminalOptions
        {
            Direction = FaxDirection.Receive, ReceiveFile = received, CallingParty = false, LocalIdent = "FAXBOX", Watchdog = TimeSpan.FromMinutes(3),
        });

        // Call control in miniature: dial tone on off-hook, three digits, then the fax terminal answers.
        var dialled = string.Empty;
        port.HookChanged += (_, h) => port.PlayTone(h.State == HookState.OffHook ? CallProgressTone.Dial : CallProgressTone.None);
        port.DigitReceived += (_, d) =>
        {
            dialled += d.Digit;
            if (dialled.Length == 3)
            {
                port.Audio = new TerminalAudio(receiver);
            }
        };
        var bench = new Bench(machine, port, loop);

        machine.Call("412");
        bench.RunUntil(
            () => machine.State == VirtualFaxState.Finished && receiver.IsComplete,
            TimeSpan.FromMinutes(4),
            () => $"fax call (machine {machine.State}, dialled '{dialled}', receiver {receiver.GetStatistics()}, slips {loop.ClockSlips})");
        machine.Dispose();
        return new FaxCall(dialled, machine, receiver.Result!, sent, received);
    }

    private sealed record FaxCall(string Dialled, VirtualFaxMachine Machine, FaxResult Receiver, string Sent, string Received);
}
