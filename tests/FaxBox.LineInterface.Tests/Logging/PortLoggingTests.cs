using FaxBox.Core;
using FaxBox.Fax.CallerId;
using FaxBox.LineInterface.Ports;
using FaxBox.LineInterface.Regions;
using FaxBox.LineInterface.Simulated;
using Microsoft.Extensions.Logging;

namespace FaxBox.LineInterface.Tests.Logging;

public sealed class PortLoggingTests
{
    private const int Block = LogEventIds.LineInterface;

    [Fact]
    public void Fxs_port_logs_hook_digits_ring_trip_and_caller_id_but_nothing_per_frame()
    {
        using var logs = new RecordingLoggerFactory();
        using var simulator = new LineSimulator(LineRegions.BuiltIn.Get("UK"), Engine.Native, loggerFactory: logs);
        var (port, phone) = simulator.AddFxs("fxs0", phoneDials: "42");
        port.HookChanged += (_, h) => port.PlayTone(h.State == HookState.OffHook ? CallProgressTone.Dial : CallProgressTone.None);
        var digits = string.Empty;
        port.DigitReceived += (_, d) => digits += d.Digit;

        phone.OffHook();
        Assert.True(simulator.RunUntil(() => digits == "42", TimeSpan.FromSeconds(5)), digits);
        var afterDialling = logs.Entries.Count;
        simulator.RunUntil(() => false, TimeSpan.FromSeconds(10));

        Assert.Equal(afterDialling, logs.Entries.Count);
        Assert.Contains(logs.Entries, e => e.Id == Block + 0 && e.Message == "fxs0: OffHook" && e.Level == LogLevel.Information);
        Assert.Equal(["fxs0: digit 4 (Dtmf)", "fxs0: digit 2 (Dtmf)"], logs.Entries.Where(e => e.Id == Block + 2).Select(e => e.Message));
        Assert.Contains(logs.Entries, e => e.Id == Block + 7 && e.Message == "fxs0: tone Dial");

        phone.OnHook();
        Assert.True(simulator.RunUntil(() => port.Hook == HookState.OnHook, TimeSpan.FromSeconds(2)));
        port.Ring(new CallerIdMessage("01632960123"));
        Assert.True(simulator.RunUntil(() => port.Hook == HookState.OffHook, TimeSpan.FromSeconds(15)));

        Assert.Contains(logs.Entries, e => e.Id == Block + 0 && e.Message == "fxs0: OnHook");
        Assert.Contains(logs.Entries, e => e.Id == Block + 3 && e.Message.Contains("caller ID 01632960123", StringComparison.Ordinal));
        Assert.Contains(logs.Entries, e => e.Id == Block + 6);
        Assert.Contains(logs.Entries, e => e.Id == Block + 4);
        Assert.All(logs.Entries, e => Assert.InRange(e.Id, Block, Block + 999));
    }

    [Fact]
    public void Fxs_port_refusing_to_ring_off_hook_logs_a_warning()
    {
        using var logs = new RecordingLoggerFactory();
        using var simulator = new LineSimulator(LineRegions.BuiltIn.Get("US"), Engine.Native, loggerFactory: logs);
        var (port, phone) = simulator.AddFxs("fxs0", phoneDials: null);
        phone.OffHook();
        simulator.RunUntil(() => port.Hook == HookState.OffHook, TimeSpan.FromSeconds(1));

        Assert.Throws<InvalidOperationException>(() => port.Ring());

        Assert.Contains(logs.Entries, e => e.Id == Block + 10 && e.Level == LogLevel.Warning);
    }

    [Fact]
    public void Fxo_port_and_exchange_log_seize_dialling_refusal_and_clear()
    {
        using var logs = new RecordingLoggerFactory();
        using var simulator = new LineSimulator(LineRegions.BuiltIn.Get("DE"), Engine.Native, loggerFactory: logs);
        var fxo = simulator.AddFxo("fxo1", "100");
        var cleared = false;
        fxo.Disconnected += (_, _) => cleared = true;

        fxo.Seize();
        simulator.RunUntil(() => false, TimeSpan.FromSeconds(1));
        fxo.Dial("999", DialMethod.Dtmf);
        Assert.True(simulator.RunUntil(() => cleared, TimeSpan.FromSeconds(20)));
        var count = logs.Entries.Count;
        simulator.RunUntil(() => false, TimeSpan.FromSeconds(5));
        fxo.Release();

        Assert.Equal(count, logs.Entries.Count - 1);
        Assert.Contains(logs.Entries, e => e.Id == Block + 53 && e.Message == "fxo1: seized (off-hook)");
        Assert.Contains(logs.Entries, e => e.Id == Block + 55 && e.Message == "fxo1: dialling 999 (Dtmf)");
        Assert.Contains(logs.Entries, e => e.Id == Block + 121 && e.Message == "exchange: 100 dialled 999: Congestion");
        Assert.Contains(logs.Entries, e => e.Id == Block + 58 && e.Message == "fxo1: hears Congestion");
        Assert.Contains(logs.Entries, e => e.Id == Block + 56 && e.Message == "fxo1: far end cleared (CongestionTone)");
        Assert.Equal(Block + 54, logs.Entries[^1].Id);
    }
}
