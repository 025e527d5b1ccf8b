using System.Globalization;
using FaxBox.Admin.Diagnostics;
using FaxBox.Core.Capture;
using FaxBox.Fax;
using FaxBox.FaxServer;
using FaxBox.FaxServer.Documents;
using FaxBox.FaxServer.Queue;
using FaxBox.Host.Cli;
using FaxBox.Host.Diagnostics;
using FaxBox.Sip.Dns;
using FaxBox.Sip.Messages;

namespace FaxBox.Host.Admin;

/// <summary>
/// The diagnostics the admin site runs, with the box's own parts: the readiness test is <see cref="FaxLoopback"/>
/// (<c>faxbox fax loopback</c>) on the box's fax engine, one call after another on a worker thread (CPU-bound, as fast as
/// the CPU allows, never on the media thread); SIP OPTIONS is <see cref="SipOptionsProbe"/> (<c>faxbox sip options</c>);
/// the trunk fax test queues a generated test page with the fax server and follows its first attempt, cancelling the
/// job instead of retrying it; the packet capture is the box's <see cref="PacketTap"/> writing
/// <c>diagnostics/capture.pcap</c> (<c>.part</c> while it runs). Work files go to <c>diagnostics/</c> in the data folder.
/// </summary>
internal sealed class HostAdminDiagnostics(IFaxEngine engine, string dataFolder, FaxServerService? faxServer, TimeProvider time, PacketTap? tap = null) : IAdminDiagnostics
{
    /// <summary>A capture file stops growing at this size.</summary>
    public const long MaxCaptureBytes = 50L * 1024 * 1024;

    /// <summary>How long the trunk fax test follows its job before giving up on it.</summary>
    public static readonly TimeSpan TrunkTestLimit = TimeSpan.FromMinutes(10);

    /// <summary>How often the trunk fax test looks at its job.</summary>
    public static readonly TimeSpan TrunkTestPoll = TimeSpan.FromMilliseconds(250);

    private readonly SemaphoreSlim _loopback = new(1, 1);
    private readonly Lock _captureStart = new();

    public async Task<ReadinessReport> RunReadinessTestAsync(IReadOnlyList<ReadinessCase> cases, IProgress<string> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(progress);
        var options = cases.Select((c, i) => ToOptions(c, i)).ToList(); // bad cases refused before any call
        await _loopback.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var results = new List<ReadinessCaseResult>();
            for (var i = 0; i < cases.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var c = cases[i];
                progress.Report($"call {i + 1} of {cases.Count}: {c.Name}");
                var loopback = new FaxLoopback(engine);
                loopback.Progress += line => progress.Report("  " + line);
                var call = options[i];
                var report = await Task.Run(() => loopback.Run(call), cancellationToken).ConfigureAwait(false);
                var result = new ReadinessCaseResult(c, report.Success, report.Pages, report.PagesSent, report.BitRate, report.Ecm, report.T30Text, report.SimulatedSeconds, report.DatagramsLost, report.DatagramsSent);
                progress.Report($"  {(result.Passed ? "pass" : "FAIL")}: {report.Pages}/{report.PagesSent} page(s), {report.BitRate} bit/s, ECM {(report.Ecm ? "on" : "off")}, {report.T30Text}");
                results.Add(result);
            }

            var summary = new ReadinessReport(results);
            progress.Report(summary.Summary);
            return summary;
        }
        finally
        {
            _loopback.Release();
        }
    }

    public async Task<SipOptionsResult> SipOptionsAsync(string uri, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!SipUri.TryParse(uri, out var target, out string? error) || !target.IsSip)
        {
            throw new ArgumentException($"'{uri}' is not a sip: or sips: URI ({error ?? "other scheme"})", nameof(uri));
        }

        var dns = new DnsClientOptions();
        foreach (var server in SipOptionsCommand.ResolvConfServers())
        {
            dns.Servers.Add(server);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var answer = await SipOptionsProbe.SendAsync(target, dns, deadline.Token).ConfigureAwait(false);
        return new SipOptionsResult(
            uri,
            answer.Response?.StatusCode,
            answer.Response?.ReasonPhrase,
            answer.RespondedFrom,
            answer.Response is null ? null : Math.Round(answer.RoundTrip.TotalMilliseconds, 1),
            answer.Headers.ToDictionary(h => h.Key, h => h.Value, StringComparer.Ordinal),
            answer.Error);
    }

    public async Task<TrunkFaxTestResult> TrunkFaxTestAsync(string number, IProgress<string> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(number);
        ArgumentNullException.ThrowIfNull(progress);
        if (faxServer is null)
        {
            return new TrunkFaxTestResult(number, false, null, "not queued: this box runs without its fax server (faxServer.enabled)", null);
        }

        var folder = Path.Combine(dataFolder, "diagnostics", "trunk");
        Directory.CreateDirectory(folder);
        var page = Path.Combine(folder, $"testpage-{time.GetUtcNow():yyyyMMddHHmmssfff}.tif");
        LoopbackDocuments.WriteTestPages(page, 1);
        FaxJob job;
        try
        {
            job = await faxServer.SubmitAsync(new FaxSubmission([new DocumentSource(page, "test page")], number, "admin:trunk-test"), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FaxSubmissionException or DocumentRejectedException)
        {
            return new TrunkFaxTestResult(number, false, null, "not queued: " + e.Message, null);
        }
        finally
        {
            File.Delete(page); // the fax server keeps its own copy
        }

        progress.Report($"job {job.Id} queued: 1 test page to {number}");
        var deadline = time.GetUtcNow() + TrunkTestLimit;
        var last = job.State;
        while (time.GetUtcNow() < deadline)
        {
            await Task.Delay(TrunkTestPoll, time, cancellationToken).ConfigureAwait(false);
            job = faxServer.Jobs.Get(job.Id) ?? job;
            if (job.State != last)
            {
                progress.Report($"job {job.Id}: {Describe(job.State)}{(job.LastResult is null ? "" : $" ({job.LastResult})")}");
                last = job.State;
            }

            if (job.IsFinished)
            {
                return new TrunkFaxTestResult(number, job.State == FaxJobState.Sent, job.Id, Describe(job.State), job.LastResult);
            }

            if (job.State == FaxJobState.WaitingRetry)
            {
                // A test is one attempt: do not leave the retry ladder calling the number.
                job = await faxServer.CancelAsync(job.Id, cancellationToken).ConfigureAwait(false);
                progress.Report($"job {job.Id}: cancelled after its first attempt");
                return new TrunkFaxTestResult(number, false, job.Id, "failed, cancelled after its first attempt", job.LastResult);
            }
        }

        return new TrunkFaxTestResult(number, false, job.Id, $"still {Describe(job.State)} after {TrunkTestLimit.TotalMinutes} minutes (left in the outbox)", job.LastResult);
    }

    public PacketCaptureStatus CaptureStatus => tap?.Status ?? new PacketCaptureStatus(false, null, 0, 0, 0, "this box runs without a packet tap");

    private string CaptureFile => Path.Combine(dataFolder, "diagnostics", "capture.pcap");

    public void StartCapture(TimeSpan maxDuration)
    {
        if (tap is null)
        {
            throw new InvalidOperationException("this box runs without a packet tap");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(CaptureFile)!);
        var partial = CaptureFile + ".part";
        lock (_captureStart)
        {
            // Opening the .part file truncates it: never while a capture (or the last one's write-out) still uses it.
            if (tap.IsCapturing)
            {
                throw new InvalidOperationException("a packet capture is already running (or still being written out)");
            }

            var stream = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.Read, 64 * 1024, useAsync: true);
            try
            {
                // However it stops (the page's stop, or its time or size limit), the finished file replaces the last one.
                tap.Start(stream, MaxCaptureBytes, maxDuration, _ =>
                {
                    try
                    {
                        File.Move(partial, CaptureFile, overwrite: true);
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                        // The .part file stays (the page offers the last finished capture); the next capture replaces it.
                    }
                });
            }
            catch
            {
                stream.Dispose();
                throw;
            }
        }
    }

    public async Task<PacketCaptureStatus> StopCaptureAsync()
    {
        if (tap is null)
        {
            return CaptureStatus;
        }

        return await tap.StopAsync().ConfigureAwait(false);
    }

    public Stream? OpenCapture() =>
        tap is { IsCapturing: false } && File.Exists(CaptureFile)
            ? new FileStream(CaptureFile, FileMode.Open, FileAccess.Read, FileShare.Read)
            : null;

    private static string Describe(FaxJobState state) => state switch
    {
        FaxJobState.WaitingRetry => "waiting to retry",
        _ => state.ToString().ToLowerInvariant(),
    };

    private LoopbackOptions ToOptions(ReadinessCase c, int index)
    {
        if (!LoopbackNames.Paths.TryGetValue(c.Path, out var path))
        {
            throw new ArgumentException($"readiness case '{c.Name}': path '{c.Path}' is not one of {string.Join(", ", LoopbackNames.Paths.Keys)}");
        }

        var options = new LoopbackOptions
        {
            Path = path,
            LossPercent = c.LossPercent,
            Redundancy = c.Redundancy,
            NoiseDbm0 = c.NoiseDbm0,
            Seed = index + 1,
            OutputDirectory = Path.Combine(dataFolder, "diagnostics", "readiness", (index + 1).ToString(CultureInfo.InvariantCulture)),
        };
        options.Validate();
        return options;
    }
}
