using BenchmarkDotNet.Attributes;
using FaxBox.Core;
using FaxBox.Fax.CallerId;
using FaxBox.Fax.SpanDsp;
using FaxBox.LineInterface;
using FaxBox.LineInterface.Ports;
using FaxBox.LineInterface.Regions;
using Microsoft.Extensions.Logging.Abstractions;

namespace FaxBox.MicroBenchmarks.LineInterface;

/// <summary>
/// One <see cref="FxsPort.OnTick"/> (one 20 ms frame: hook sampling, frame read, DTMF reception when off-hook, tone or
/// ring cadence and caller ID, frame write) with the line circuit faked, against a bare 160-sample read-and-write copy.
/// The per-frame path must allocate nothing: MemoryDiagnoser's Allocated column is 0 B.
/// Run: <c>dotnet run -c Release --project tests/FaxBox.MicroBenchmarks -- --filter *FxsPortBenchmarks*</c>.
/// </summary>
[MemoryDiagnoser]
public class FxsPortBenchmarks
{
    private readonly short[] _rx = new short[AudioFrame.Samples];
    private readonly short[] _tx = new short[AudioFrame.Samples];
    private SpanDspFaxEngine _engine = null!;
    private FakeFxsHardware _hardware = null!;
    private FxsPort _port = null!;
    private long _index;

    /// <summary>What the port is doing: idle on-hook, off-hook playing dial tone and listening for DTMF, or ringing (after caller ID, so steady state is the cadence).</summary>
    [Params("OnHookIdle", "OffHookDialTone", "Ringing")]
    public string State { get; set; } = "OnHookIdle";

    [GlobalSetup]
    public void Setup()
    {
        _engine = new SpanDspFaxEngine(NullLoggerFactory.Instance);
        _hardware = new FakeFxsHardware();
        _port = new FxsPort("fxs0", _hardware, LineRegions.BuiltIn.Get("US"), _engine);
        switch (State)
        {
            case "OffHookDialTone":
                _hardware.IsLoopClosed = true;
                Tick(10);
                _port.PlayTone(CallProgressTone.Dial);
                break;
            case "Ringing":
                _port.Ring(new CallerIdMessage("5551234567", "FAXBOX"));
                break;
        }

        // Warm every branch once so that lazy set-up is not measured.
        Tick(100);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _port.Dispose();
    }

    [Benchmark(Baseline = true, Description = "160-sample read+write copy")]
    public short CopyFrame()
    {
        _hardware.ReadFrame(_rx);
        _rx.CopyTo(_tx, 0);
        _hardware.WriteFrame(_tx);
        return _tx[0];
    }

    [Benchmark(Description = "FxsPort.OnTick")]
    public void OnTick()
    {
        _port.OnTick(new MediaTick(_index, TimeSpan.FromMilliseconds(_index * 20), TimeSpan.Zero));
        _index++;
    }

    private void Tick(int count)
    {
        for (var i = 0; i < count; i++)
        {
            OnTick();
        }
    }
}
