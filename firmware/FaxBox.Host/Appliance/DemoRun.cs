using System.Diagnostics;
using System.Text.Json;
using FaxBox.Core;
using FaxBox.Core.Status;
using FaxBox.Fax;
using FaxBox.Fax.Documents;
using FaxBox.LineInterface.Simulated;
using FaxBox.Media.Scheduling;
using FaxBox.Mqtt.Configuration;
using Microsoft.Extensions.Logging;

namespace FaxBox.Host.Appliance;

/// <summary>
/// <c>faxbox demo</c>'s run: two appliances (<see cref="DemoSetup"/>) in this process on 127.0.0.1, box A's fax machine
/// sending the test document through A's gateway, SIP and T.38 (or G.711) to B's gateway and B's fax machine; then the
/// received document compared with the sent one, pixel for pixel. Ticks both boxes together on one media clock: by
/// default a virtual one paced like the gateway tests (a 1 ms yield per tick while SIP work is in flight, flat out
/// otherwise), or the real-time clock. Bounded by <see cref="DemoOptions.SimulatedLimit"/> and
/// <see cref="DemoOptions.WallLimit"/>.
/// </summary>
internal sealed class DemoRun
{
    /// <summary>Simulated time the demo waits for the boxes' records once both machines have hung up.</summary>
    private static readonly TimeSpan RecordGrace = TimeSpan.FromSeconds(15);

    private readonly DemoOptions _options;
    private readonly IFaxEngine _engine;
    private readonly ILoggerFactory _loggers;
    private readonly TextWriter _output;

    public DemoRun(DemoOptions options, IFaxEngine engine, ILoggerFactory loggers, TextWriter output)
    {
        options.Validate();
        _options = options;
        _engine = engine;
        _loggers = loggers;
        _output = output;
    }

    /// <summary>Runs the demo, writes <c>sent.tif</c>, <c>received.tif</c> and <c>summary.json</c>, returns the summary.</summary>
    public async Task<DemoSummary> RunAsync(CancellationToken cancellationToken)
    {
        var outFolder = Path.GetFullPath(_options.OutputFolder);
        Directory.CreateDirectory(outFolder);
        var work = Path.Combine(Path.GetTempPath(), $"faxbox-demo-{Guid.NewGuid():N}");
        try
        {
            var summary = await RunBoxesAsync(outFolder, work, cancellationToken).ConfigureAwait(false);
            await using (var stream = File.Create(Path.Combine(outFolder, "summary.json")))
            {
                await JsonSerializer.SerializeAsync(stream, summary, DemoSummary.Json, CancellationToken.None).ConfigureAwait(false);
            }

            return summary;
        }
        finally
        {
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (DirectoryNotFoundException)
            {
                // Nothing was written.
            }
        }
    }

    private async Task<DemoSummary> RunBoxesAsync(string outFolder, string work, CancellationToken cancellationToken)
    {
        var wall = Stopwatch.StartNew();
        var clock = new DemoClock(DateTimeOffset.UtcNow);
        var progress = new DemoProgress(clock);
        var folderA = Path.Combine(work, "a");
        var folderB = Path.Combine(work, "b");
        var b = await Appliance.StartAsync(DemoSetup.BoxB(), DemoSetup.BoardB(), _engine, folderB, _loggers, statusTime: clock, mqtt: Mqtt("demo-b"), cancellationToken: cancellationToken).ConfigureAwait(false);
        await using (b.ConfigureAwait(false))
        {
            var endPointB = b.Gateway.SipEndPoints.Values.First();
            var a = await Appliance.StartAsync(DemoSetup.BoxA($"127.0.0.1:{endPointB.Port}", _options), DemoSetup.BoardA(_options.Pages), _engine, folderA, _loggers, statusTime: clock, mqtt: Mqtt("demo-a"), cancellationToken: cancellationToken).ConfigureAwait(false);
            await using (a.ConfigureAwait(false))
            {
                var sender = a.Board.Simulation!.FaxMachines[DemoSetup.Port];
                var receiver = b.Board.Simulation!.FaxMachines[DemoSetup.Port];
                progress.Watch("A", a.Status);
                progress.Watch("B", b.Status);
                progress.Watch("A", sender, sends: true);
                progress.Watch("B", receiver, sends: false);
                _output.WriteLine($"box A: SIP udp:{a.Gateway.SipEndPoints.Values.First()}, media ports 42000-42499, {DemoSetup.Port} number {DemoSetup.NumberA}: a fax machine sending {_options.Pages} test page(s) to {DemoSetup.NumberB}" +
                    $"{(_options.ForceG711 ? "; T.38 refused (fax.t38 = never)" : "")}{(_options.LossPercent > 0 ? $"; {_options.LossPercent} % of media datagrams dropped each way" : "")}");
                _output.WriteLine($"box B: SIP udp:{endPointB}, media ports 42500-42999, {DemoSetup.Port} number {DemoSetup.NumberB}: a fax machine answering and receiving");
                if (_options.MqttUrl is not null)
                {
                    _output.WriteLine($"MQTT: status of box A as {a.Mqtt?.Publisher.Topics.Root ?? "(off)"}/…, box B as {b.Mqtt?.Publisher.Topics.Root ?? "(off)"}/… on {_options.MqttUrl}");
                }

                _output.WriteLine($"running on the {(_options.RealTime ? "real-time media clock" : "virtual media clock, faster than real time")}; times are simulated");

                bool done = await TickAsync(clock, progress, a, b, sender, receiver, cancellationToken).ConfigureAwait(false);
                await a.Gateway.StopAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
                await b.Gateway.StopAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
                progress.Flush(_output);
                return Conclude(outFolder, folderA, folderB, done, clock.Elapsed, wall.Elapsed, a.Status.Current, b.Status.Current, sender, receiver);
            }
        }
    }

    /// <summary>The MQTT options for one demo box, or null without <see cref="DemoOptions.MqttUrl"/>.</summary>
    private MqttOptions? Mqtt(string device) =>
        _options.MqttUrl is { } url ? new MqttOptions { Url = url, DeviceId = device, ReconnectMax = TimeSpan.FromSeconds(5) } : null;

    /// <summary>Ticks both boxes until both machines hung up and both boxes recorded the fax, or a bound is hit. True when done.</summary>
    private async Task<bool> TickAsync(DemoClock time, DemoProgress progress, Appliance a, Appliance b, VirtualFaxMachine sender, VirtualFaxMachine receiver, CancellationToken cancellationToken)
    {
        var limitTicks = (long)(_options.SimulatedLimit / AudioFrame.Duration);
        var deadline = Stopwatch.StartNew();
        TimeSpan? hungUp = null;
        bool Finished()
        {
            if (sender.State != VirtualFaxState.Finished || receiver.State != VirtualFaxState.Finished)
            {
                return false;
            }

            hungUp ??= time.Elapsed;
            return (a.Status.Current.RecentFaxes.Length > 0 && b.Status.Current.RecentFaxes.Length > 0) || time.Elapsed - hungUp > RecordGrace;
        }

        if (_options.RealTime)
        {
            using var clock = new RealTimeMediaClock();
            using var t0 = clock.Register(time);
            using var t1 = clock.Register(a);
            using var t2 = clock.Register(b);
            using var t3 = clock.Register(progress);
            clock.Start();
            while (!Finished() && time.Elapsed < _options.SimulatedLimit && deadline.Elapsed < _options.WallLimit)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
                progress.Flush(_output);
            }
        }
        else
        {
            var clock = new VirtualMediaClock();
            using var t0 = clock.Register(time);
            using var t1 = clock.Register(a);
            using var t2 = clock.Register(b);
            using var t3 = clock.Register(progress);
            for (long i = 0; i < limitTicks && !Finished() && deadline.Elapsed < _options.WallLimit; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                clock.Advance();
                if (a.Gateway.PendingSignalling > 0 || b.Gateway.PendingSignalling > 0)
                {
                    // Loopback SIP runs on wall-clock time: let it keep pace with the media.
                    await Task.Delay(1, cancellationToken).ConfigureAwait(false);
                }
                else if (i % 25 == 0)
                {
                    await Task.Yield();
                }

                if (i % 50 == 0)
                {
                    progress.Flush(_output);
                }
            }
        }

        progress.Flush(_output);
        return Finished() && a.Status.Current.RecentFaxes.Length > 0 && b.Status.Current.RecentFaxes.Length > 0;
    }

    private DemoSummary Conclude(string outFolder, string folderA, string folderB, bool done, TimeSpan simulated, TimeSpan wall, StatusSnapshot statusA, StatusSnapshot statusB, VirtualFaxMachine sender, VirtualFaxMachine receiver)
    {
        var recordA = statusA.RecentFaxes.FirstOrDefault();
        var recordB = statusB.RecentFaxes.FirstOrDefault();
        var sent = Path.Combine(outFolder, "sent.tif");
        File.Copy(DemoSetup.SentDocument(folderA), sent, overwrite: true);
        var receivedFolder = Path.Combine(folderB, "received");
        var receivedWork = Directory.Exists(receivedFolder) ? Directory.GetFiles(receivedFolder, "*.tif").FirstOrDefault() : null;
        string? received = null;
        PixelComparison? comparison = null;
        string? compareError = null;
        var sentPages = 0;
        try
        {
            sentPages = FaxDocument.Load(sent).Pages.Count;
            if (receivedWork is not null)
            {
                received = Path.Combine(outFolder, "received.tif");
                File.Copy(receivedWork, received, overwrite: true);
                comparison = FaxDocumentComparer.Compare(sent, received);
            }
            else
            {
                File.Delete(Path.Combine(outFolder, "received.tif"));
            }
        }
        catch (FaxDocumentException e)
        {
            compareError = e.Message;
        }

        var reason = (done, recordA, recordB, comparison) switch
        {
            (false, _, _, _) => $"the fax did not finish within {_options.SimulatedLimit.TotalMinutes:0} min simulated / {_options.WallLimit.TotalMinutes:0} min wall: " +
                $"sender {sender.State} ({sender.Result?.T30Text ?? sender.EndReason ?? "no result"}), receiver {receiver.State} ({receiver.Result?.T30Text ?? receiver.EndReason ?? "no result"}), " +
                $"records: A {(recordA is null ? "none" : recordA.Result)}, B {(recordB is null ? "none" : recordB.Result)}",
            (_, { Success: false }, _, _) => $"box A's fax record says the fax failed: {recordA.Result}",
            (_, _, { Success: false }, _) => $"box B's fax record says the fax failed: {recordB.Result}",
            (_, _, _, null) => compareError is null ? "no document was received" : $"the received document cannot be read: {compareError}",
            (_, _, _, { Identical: false }) => $"the received pages differ from the sent ones: {comparison}",
            _ => null,
        };
        return new DemoSummary(
            reason is null,
            reason,
            new DemoSummaryOptions(_options.Pages, _options.ForceG711, _options.LossPercent, _options.RealTime),
            sent,
            received,
            comparison?.Identical ?? false,
            comparison?.ToString() ?? compareError ?? "nothing received",
            sentPages,
            comparison?.ActualPages ?? 0,
            comparison?.DifferingPixels ?? 0,
            simulated.TotalSeconds,
            wall.TotalSeconds,
            recordA,
            recordB,
            sender.Result,
            receiver.Result);
    }
}
