using BenchmarkDotNet.Attributes;
using FaxBox.Core;
using FaxBox.Fax;
using FaxBox.Fax.Modems;
using FaxBox.Fax.SpanDsp;
using FaxBox.Fax.SpanDsp.Modems;
using FaxBox.MicroBenchmarks.Modems;
using Microsoft.Extensions.Logging.Abstractions;

namespace FaxBox.MicroBenchmarks.Fax;

/// <summary>
/// CPU and allocation per 20 ms frame of the passive T.30 monitor (spandsp <c>fsk_rx</c> wired natively into
/// <c>hdlc_rx</c>), against the bare native V.21 receiver that hands every bit to managed code (baseline), both fed a
/// recording of an answering fax terminal: CED, then CSI+DIS repeated every few seconds until T1 (30 s, played in a loop).
/// The monitor also runs on silence, its steady state between T.30 exchanges.
/// </summary>
[MemoryDiagnoser]
public class T30MonitorBenchmarks
{
    private const int RecordedFrames = 1500;
    private readonly short[] _silence = new short[AudioFrame.Samples];
    private short[][] _recording = [];
    private IModemReceiver _v21 = null!;
    private IT30Monitor _monitor = null!;
    private IT30Monitor _idleMonitor = null!;
    private int _v21Index;
    private int _monitorIndex;
    private int _frames;

    [GlobalSetup]
    public void Setup()
    {
        var engine = new SpanDspFaxEngine(NullLoggerFactory.Instance);
        var file = Path.Combine(Path.GetTempPath(), $"faxbox-monitor-bench-{Environment.ProcessId}.tif");
        using (var answerer = engine.CreateAudioTerminal(new FaxTerminalOptions { Direction = FaxDirection.Receive, ReceiveFile = file, LocalIdent = "5551234" }))
        {
            _recording = new short[RecordedFrames][];
            for (var i = 0; i < RecordedFrames; i++)
            {
                _recording[i] = new short[AudioFrame.Samples];
                answerer.TransmitAudio(_recording[i]);
                answerer.ReceiveAudio(_silence);
            }
        }

        _v21 = new SpanDspModemFactory().CreateReceiver(new ModemOptions(ModemType.V21, 300), new NullSink());
        _monitor = engine.CreateT30Monitor();
        _idleMonitor = engine.CreateT30Monitor();
        _monitor.Frame += (_, _) => _frames++;
        for (var i = 0; i < RecordedFrames; i++)
        {
            Baseline();
            Monitor();
        }

        if (_frames < 4)
        {
            throw new InvalidOperationException($"the monitor decoded only {_frames} frames from 30 s of an answerer's CSI+DIS");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _v21.Dispose();
        _monitor.Dispose();
        _idleMonitor.Dispose();
    }

    [Benchmark(Baseline = true, Description = "native V.21 rx, bits to managed")]
    public void Baseline()
    {
        _v21.Receive(_recording[_v21Index]);
        _v21Index = _v21Index + 1 == RecordedFrames ? 0 : _v21Index + 1;
    }

    [Benchmark(Description = "T.30 monitor, CSI+DIS audio")]
    public void Monitor()
    {
        _monitor.ReceiveAudio(_recording[_monitorIndex]);
        _monitorIndex = _monitorIndex + 1 == RecordedFrames ? 0 : _monitorIndex + 1;
    }

    [Benchmark(Description = "T.30 monitor, silence")]
    public void MonitorSilence() => _idleMonitor.ReceiveAudio(_silence);
}
