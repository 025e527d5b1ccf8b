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

    public static TheoryData<string, double, double?, double?, double> ClockOffsets() => new()
    {
        // region, gain dB, noise dBm0, echo return loss dB, clock offset ppm: crystals are within ±50 ppm.
        { "FR", -4, -60, null, 10 },
        { "US", 0, null, 20, 20 },
        { "US", 0, null, 20, -20 },
        { "DE", -3, -60, 20, 40 },
        { "DE", -3, -60, 20, -40 },
        { "IT", 0, null, null, 50 },
        { "IT", 0, null, null, -50 },
        { "UK", -6, -55, 16, 50 },
        { "JP", -6, -55, 16, -50 },
        { "AU", 0, null, null, 100 },
        { "NL", 0, null, null, -100 },
    };

    [Theory]
    [MemberData(nameof(ClockOffsets))]
    public void V29FaxPassesAtCrystalClockOffsets(string code, double gainDb, double? noiseDbm0, double? echoDb, double ppm)
    {
        // V.17 is left out: spandsp 0.0.6 loses V.17 pages at small offsets (EngineClockOffsetTests names that limitation).
        using var folder = TestPaths.NewTempFolder();
        var call = SendThroughFxsPort(folder, code, DialMethod.Dtmf, new LineModelOptions { GainDb = gainDb, NoiseDbm0 = noiseDbm0, EchoReturnLossDb = echoDb, ClockOffsetPpm = ppm }, FaxModems.V29 | FaxModems.V27ter);

        Assert.True(call.Machine.Result!.Success, call.Machine.Result.T30Text);
        Assert.True(call.Receiver.Success, call.Receiver.T30Text);
        var comparison = FaxDocumentComparer.Compare(call.Sent, call.Received);
        Assert.True(comparison.Identical, comparison.ToString());
    }

    [Fact]
    public void KnownLimitation_V17PageAtASmallClockOffsetIsLostByTheNativeEngine()
    {
        // spandsp 0.0.6 loses V.17 pages at some offsets of only a few ppm (here France, +10 ppm, −4 dB), through the
        // port as engine to engine (EngineClockOffsetTests); V.29 passes the same line at ±100 ppm. Not the resampler:
        // SampleClockSkewTests show it flat and exact.
        using var folder = TestPaths.NewTempFolder();
        var call = SendThroughFxsPort(folder, "FR", DialMethod.Dtmf, new LineModelOptions { GainDb = -4, NoiseDbm0 = -60, ClockOffsetPpm = 10 });

        Assert.False(call.Machine.Result!.Success && call.Receiver.Success);
    }

    private static FaxCall SendThroughFxsPort(TempFolder folder, string code, DialMethod dialling, LineModelOptions model, FaxModems modems = FaxModems.All)
    {
        var sent = folder.File("sent.tif");
        var received = folder.File("received.tif");
        TestPageGenerator.Write(sent, new TestPageOptions { Pages = 1 });
        var region = LineRegions.BuiltIn.Get(code);
        var loop = new SimulatedLoop("fxs0", model);
        using var port = new FxsPort("fxs0", loop.Exchange, region, Engine.Native);
        var machine = new VirtualFaxMachine("fax", loop.Subscriber, region, Engine.Native, new VirtualFaxMachineOptions
        {
            Direction = FaxDirection.Send, SendFile = sent, DialMethod = dialling, Watchdog = TimeSpan.FromMinutes(3), Modems = modems,
        });
        using var receiver = Engine.Native.CreateAudioTerminal(new FaxTerminalOptions
        {
            Direction = FaxDirection.Receive, ReceiveFile = received, CallingParty = false, LocalIdent = "FAXBOX", Watchdog = TimeSpan.FromMinutes(3), Modems = modems,
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
