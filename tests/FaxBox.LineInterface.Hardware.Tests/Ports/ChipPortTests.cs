using FaxBox.Core;
using FaxBox.LineInterface.Hardware.Alsa;
using FaxBox.LineInterface.Hardware.Ports;
using FaxBox.LineInterface.Hardware.Si3050;
using FaxBox.LineInterface.Hardware.Si3215;
using FaxBox.LineInterface.Hardware.Tests.Alsa;
using FaxBox.LineInterface.Hardware.Tests.Simulation;
using FaxBox.LineInterface.Ports;

namespace FaxBox.LineInterface.Hardware.Tests.Ports;

public sealed class ChipPortTests
{
    private readonly VirtualTimeProvider _time = new();

    private static PcmLink Link() => new(new FakePcmStream(2), new FakePcmStream(2), channels: 2, bufferPeriods: 4, startPeriods: 2);

    [Fact]
    public async Task Fxs_linefeed_is_posted_and_applied_by_service_and_hook_comes_back()
    {
        var chip = new Si3215Simulation();
        using var slic = new LineInterface.Hardware.Si3215.Si3215(chip, timeProvider: _time, shouldDispose: false);
        await slic.InitializeAsync(Si3215Variant.Si3215);
        using var link = Link();
        var port = new Si3215FxsHardware(slic, link.Channel(0));
        var requests = 0;
        port.ServiceRequested += (_, _) => requests++;

        port.SetLinefeed(FxsLinefeed.Ringing);
        Assert.Equal(Si3215Linefeed.ForwardActive, chip.Linefeed); // nothing on the bus from the media thread
        port.Service();
        Assert.Equal(Si3215Linefeed.Ringing, chip.Linefeed);
        Assert.Equal(1, requests);

        chip.SetHook(offHook: true); // answered during ringing: ring trip
        Assert.False(port.IsLoopClosed);
        port.Service();
        Assert.True(port.IsLoopClosed);
        Assert.Equal(Si3215Linefeed.ForwardActive, chip.Linefeed);
    }

    [Theory]
    [InlineData(FxsLinefeed.Open, Si3215Linefeed.Open)]
    [InlineData(FxsLinefeed.ForwardActive, Si3215Linefeed.ForwardActive)]
    [InlineData(FxsLinefeed.ForwardOnHookTransmission, Si3215Linefeed.ForwardOnHookTransmission)]
    [InlineData(FxsLinefeed.ReverseActive, Si3215Linefeed.ReverseActive)]
    [InlineData(FxsLinefeed.ReverseOnHookTransmission, Si3215Linefeed.ReverseOnHookTransmission)]
    [InlineData(FxsLinefeed.Ringing, Si3215Linefeed.Ringing)]
    public void Every_port_linefeed_has_its_register_64_state(FxsLinefeed port, Si3215Linefeed chip)
        => Assert.Equal(chip, Si3215FxsHardware.ToChip(port));

    [Fact]
    public async Task Fxo_hook_ring_current_and_voltage_go_through_service()
    {
        var chip = new Si3050Simulation();
        using var daa = new LineInterface.Hardware.Si3050.Si3050(chip, timeProvider: _time, shouldDispose: false);
        await daa.InitializeAsync();
        using var link = Link();
        var port = new Si3050FxoHardware(daa, link.Channel(1));

        chip.SetRinging(true);
        port.Service();
        Assert.True(port.IsRingSignalPresent);

        chip.SetRinging(false);
        port.SetOffHook(true);
        Assert.False(chip.OffHook);
        chip.SetLine(loopMilliamps: 33, lineVolts: -9);
        port.Service();
        Assert.True(chip.OffHook);
        Assert.False(port.IsRingSignalPresent);
        Assert.Equal(33, port.LoopCurrentMilliamps, 0);
        Assert.Equal(-9, port.LineVolts);

        port.SetOffHook(false);
        port.SetOnHookMonitor(true);
        port.Service();
        Assert.Equal(0, port.LoopCurrentMilliamps);
        Assert.Equal(0x08, chip[Si3050Register.DaaControl1]);
    }

    [Fact]
    public void Port_audio_goes_through_its_own_pcm_channel()
    {
        var capture = new FakePcmStream(2) { Sample = i => (short)(i % 2 == 0 ? 11 : 22) };
        using var link = new PcmLink(capture, new FakePcmStream(2), 2, 4, 2);
        Assert.True(link.RunPeriod());
        var fxs = new Si3215FxsHardware(new LineInterface.Hardware.Si3215.Si3215(new Si3215Simulation()), link.Channel(0));
        var fxo = new Si3050FxoHardware(new LineInterface.Hardware.Si3050.Si3050(new Si3050Simulation()), link.Channel(1));

        var a = new short[AudioFrame.Samples];
        var b = new short[AudioFrame.Samples];
        fxs.ReadFrame(a);
        fxo.ReadFrame(b);

        Assert.All(a, s => Assert.Equal(11, s));
        Assert.All(b, s => Assert.Equal(22, s));
    }

    [Fact]
    public async Task Service_loop_runs_a_pass_when_woken_and_keeps_a_fault()
    {
        var chip = new CountingChip();
        await using (var loop = new ChipServiceLoop(chip, pollInterval: TimeSpan.FromHours(1)))
        {
            loop.Start();
            await chip.Passed(1).WaitAsync(TimeSpan.FromSeconds(10));
            chip.Raise();
            await chip.Passed(2).WaitAsync(TimeSpan.FromSeconds(10));
            chip.FailNext = true;
            loop.Wake();
            await loop.Completion.WaitAsync(TimeSpan.FromSeconds(10));

            Assert.IsType<ChipFaultException>(loop.Fault);
        }
    }

    private sealed class CountingChip : IServiceableChip
    {
        private readonly TaskCompletionSource[] _passed = [.. Enumerable.Range(0, 4).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously))];
        private int _count;

        public event EventHandler? ServiceRequested;

        public bool FailNext { get; set; }

        public Task Passed(int n) => _passed[n].Task;

        public void Raise() => ServiceRequested?.Invoke(this, EventArgs.Empty);

        public void Service()
        {
            _passed[Math.Min(++_count, 3)].TrySetResult();
            if (FailNext)
            {
                throw new ChipFaultException("Si3215", "SPI0.0", "test fault");
            }
        }
    }
}
