using FaxBox.Fax;
using FaxBox.Fax.CallerId;
using FaxBox.Fax.Documents;
using FaxBox.LineInterface.Ports;
using FaxBox.LineInterface.Regions;
using FaxBox.LineInterface.Simulated;
using FaxBox.LineInterface.Tests.Regions;
using FaxBox.LineInterface.Tests.Simulated;
using FaxBox.Testing;

namespace FaxBox.LineInterface.Tests.Ports;

public sealed class FxoPortTests
{
    [Theory]
    [MemberData(nameof(RegionData.Codes), MemberType = typeof(RegionData))]
    public void IncomingCallRingsWithTheCallersNumber(string code)
    {
        var region = LineRegions.BuiltIn.Get(code);
        using var exchange = new VirtualExchange(region, Engine.Native);
        var box = exchange.AddLine("100", new LineModelOptions { GainDb = -4, NoiseDbm0 = -60 });
        var caller = exchange.AddLine("301");
        using var port = new FxoPort("fxo0", box.Loop.Subscriber, region, Engine.Native);
        using var phone = new VirtualPhone("phone", caller.Loop.Subscriber, region, Engine.Native);
        var rings = new List<FxoRing>();
        var ids = new List<CallerIdMessage>();
        port.Ring += (_, r) => rings.Add(r);
        port.CallerIdReceived += (_, m) => ids.Add(m);
        var bench = new Bench(phone, port, exchange);

        phone.OffHook();
        bench.RunUntil(() => phone.HeardTone == CallProgressTone.Dial, TimeSpan.FromSeconds(3), "dial tone");
        phone.Dial("100", DialMethod.Dtmf);
        bench.RunUntil(() => rings.Count == 2, TimeSpan.FromSeconds(20), "two rings at the FXO port");

        Assert.Equal([new CallerIdMessage("301")], ids);
        Assert.Equal([1, 2], rings.Select(r => r.Count));
        bench.RunUntil(() => phone.HeardTone == CallProgressTone.Ringback, TimeSpan.FromSeconds(12), "caller hears ringback");

        port.Seize();
        bench.Run(TimeSpan.FromSeconds(1));
        Assert.Equal(ExchangeLineState.Connected, caller.State);
        Assert.Equal(ExchangeLineState.Connected, box.State);
    }

    [Fact]
    public void CallerGivingUpStopsTheRinging()
    {
        var region = LineRegions.BuiltIn.Get("US");
        using var exchange = new VirtualExchange(region, Engine.Native);
        var box = exchange.AddLine("100");
        var caller = exchange.AddLine("301");
        using var port = new FxoPort("fxo0", box.Loop.Subscriber, region, Engine.Native);
        using var phone = new VirtualPhone("phone", caller.Loop.Subscriber, region, Engine.Native);
        var stopped = 0;
        var rings = 0;
        port.Ring += (_, _) => rings++;
        port.RingingStopped += (_, _) => stopped++;
        var bench = new Bench(phone, port, exchange);
        phone.OffHook();
        bench.Run(TimeSpan.FromSeconds(1));
        phone.Dial("100", DialMethod.Pulse);
        bench.RunUntil(() => rings == 1, TimeSpan.FromSeconds(10), "ring");

        phone.OnHook();
        bench.RunUntil(() => stopped == 1, TimeSpan.FromSeconds(12), "ringing stopped");

        Assert.Equal(1, rings);
        Assert.Equal(ExchangeLineState.Idle, box.State);
    }

    public static TheoryData<string, ExchangeDisconnectSignal, FxoDisconnectReason> Clears() => new()
    {
        { "US", ExchangeDisconnectSignal.LoopCurrentDrop, FxoDisconnectReason.LoopCurrentDrop },
        { "UK", ExchangeDisconnectSignal.PolarityReversal, FxoDisconnectReason.PolarityReversal },
        { "DE", ExchangeDisconnectSignal.BusyTone, FxoDisconnectReason.BusyTone },
        { "AU", ExchangeDisconnectSignal.BusyTone, FxoDisconnectReason.BusyTone },
        { "JP", ExchangeDisconnectSignal.LoopCurrentDrop, FxoDisconnectReason.LoopCurrentDrop },
    };

    [Theory]
    [MemberData(nameof(Clears))]
    public void EngineFaxesThroughFxoPortToAVirtualFaxMachineAndSeesTheClear(string code, ExchangeDisconnectSignal signal, FxoDisconnectReason expected)
    {
        using var folder = TestPaths.NewTempFolder();
        var sent = folder.File("sent.tif");
        var received = folder.File("received.tif");
        TestPageGenerator.Write(sent, new TestPageOptions { Pages = 1 });
        var region = LineRegions.BuiltIn.Get(code);
        using var exchange = new VirtualExchange(region, Engine.Native, new VirtualExchangeOptions
        {
            DisconnectSignal = signal, ReverseOnAnswer = signal == ExchangeDisconnectSignal.PolarityReversal,
        });
        var box = exchange.AddLine("100", new LineModelOptions { GainDb = -5, NoiseDbm0 = -60, EchoReturnLossDb = 20 });
        var remote = exchange.AddLine("2002");
        using var machine = new VirtualFaxMachine("fax", remote.Loop.Subscriber, region, Engine.Native, new VirtualFaxMachineOptions
        {
            Direction = FaxDirection.Receive, ReceiveFile = received, AnswerAfterRings = 1,
        });
        using var port = new FxoPort("fxo0", box.Loop.Subscriber, region, Engine.Native, new FxoPortOptions
        {
            DisconnectOnPolarityReversal = signal == ExchangeDisconnectSignal.PolarityReversal,
        });
        using var sender = Engine.Native.CreateAudioTerminal(new FaxTerminalOptions
        {
            Direction = FaxDirection.Send, SendFile = sent, CallingParty = true, LocalIdent = "FAXBOX",
        });
        var clears = new List<FxoDisconnect>();
        port.Disconnected += (_, d) => clears.Add(d);
        var bench = new Bench(machine, port, exchange);

        port.Seize();
        bench.RunUntil(() => port.HeardTone == CallProgressTone.Dial, TimeSpan.FromSeconds(3), "dial tone at the FXO port");
        port.Dial("2002", DialMethod.Dtmf);
        bench.RunUntil(() => !port.IsDialling, TimeSpan.FromSeconds(5), "dialling");
        port.Audio = new TerminalAudio(sender);
        bench.RunUntil(() => clears.Count > 0, TimeSpan.FromMinutes(3), () => $"clear (machine {machine.State}, sender {sender.GetStatistics()})");

        Assert.True(sender.Result!.Success, sender.Result.T30Text);
        Assert.Equal("done", machine.EndReason);
        Assert.True(machine.Result!.Success, machine.Result.T30Text);
        Assert.True(FaxDocumentComparer.Compare(sent, received).Identical);
        Assert.Equal(expected, Assert.Single(clears).Reason);
    }

    [Theory]
    [MemberData(nameof(RegionData.Codes), MemberType = typeof(RegionData))]
    public void BusyAndUnknownNumbersAreRecognised(string code)
    {
        var region = LineRegions.BuiltIn.Get(code);
        using var exchange = new VirtualExchange(region, Engine.Native);
        var box = exchange.AddLine("100");
        var engaged = exchange.AddLine("200");
        using var port = new FxoPort("fxo0", box.Loop.Subscriber, region, Engine.Native);
        using var phone = new VirtualPhone("phone", engaged.Loop.Subscriber, region, Engine.Native);
        var clears = new List<FxoDisconnect>();
        port.Disconnected += (_, d) => clears.Add(d);
        var bench = new Bench(phone, port, exchange);
        phone.OffHook();

        port.Seize();
        bench.Run(TimeSpan.FromSeconds(1));
        port.Dial("200", DialMethod.Pulse);
        bench.RunUntil(() => clears.Count > 0, TimeSpan.FromSeconds(15), "busy");
        Assert.Equal(FxoDisconnectReason.BusyTone, clears[0].Reason);
        Assert.Equal("200", box.Dialled);

        port.Release();
        bench.Run(TimeSpan.FromSeconds(2)); // longer than the exchange's longest hook flash
        port.Seize();
        bench.Run(TimeSpan.FromSeconds(1));
        port.Dial("999", DialMethod.Dtmf);
        bench.RunUntil(() => clears.Count > 1, TimeSpan.FromSeconds(15), "congestion");

        // Australia and Japan signal congestion with their busy tone.
        var alike = region.Busy.Cadence.OnOffMilliseconds.SequenceEqual(region.Congestion.Cadence.OnOffMilliseconds);
        Assert.Equal(alike ? FxoDisconnectReason.BusyTone : FxoDisconnectReason.CongestionTone, clears[1].Reason);
    }

    [Fact]
    public void DiallingOnHookAndBadDigitsAreRefused()
    {
        var region = LineRegions.BuiltIn.Get("US");
        var loop = new SimulatedLoop("x");
        using var port = new FxoPort("fxo0", loop.Subscriber, region, Engine.Native);

        Assert.Throws<InvalidOperationException>(() => port.Dial("1", DialMethod.Dtmf));
        port.Seize();
        var ex = Assert.Throws<ArgumentException>(() => port.Dial("12*", DialMethod.Pulse));
        Assert.Contains("'*' at position 2", ex.Message, StringComparison.Ordinal);
    }
}
