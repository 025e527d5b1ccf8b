using FaxBox.Admin.Diagnostics;
using FaxBox.Core.Status;

namespace FaxBox.Admin.Tests.Diagnostics;

/// <summary>Background runs: outcome and summary from the backend's report, failures as errors, one run per kind at a time.</summary>
public sealed class DiagnosticRunsTests
{
    private static readonly AdminContext Context = new() { Status = new StatusBoard("test"), DataFolder = Path.GetTempPath() };

    [Fact]
    public async Task A_sweep_with_a_failed_call_ends_failed_with_the_calls_named()
    {
        await using var runs = new DiagnosticRuns(Context);
        var backend = new FakeDiagnostics(cases => new ReadinessReport([.. cases.Select((c, i) => new ReadinessCaseResult(c, i == 0, i == 0 ? 1 : 0, 1, 14400, true, i == 0 ? "OK" : "T.30 T2 expired", 60, 0, 0))]));

        var run = DiagnosticsArea.StartReadiness(runs, backend, ReadinessSweep.Find("noise")!);
        await WaitAsync(run);

        Assert.Equal(DiagnosticRunState.Failed, run.State);
        Assert.StartsWith("FAIL: 1 of 4 calls passed (failed: G.711, noise −50 dBm0: T.30 T2 expired;", run.Summary, StringComparison.Ordinal);
        Assert.Equal(["started"], run.Lines);
        Assert.Same(run, runs.Find(run.Id));
    }

    [Fact]
    public async Task A_backend_that_throws_ends_the_run_as_an_error_with_the_reason()
    {
        await using var runs = new DiagnosticRuns(Context);
        var run = DiagnosticsArea.StartReadiness(runs, new FakeDiagnostics(_ => throw new InvalidOperationException("engine missing")), ReadinessSweep.Find("quick")!);
        await WaitAsync(run);
        Assert.Equal(DiagnosticRunState.Error, run.State);
        Assert.Equal("could not run: engine missing", run.Summary);
    }

    [Fact]
    public async Task A_second_start_while_one_of_its_kind_runs_gets_the_running_one_and_dispose_cancels_it()
    {
        var gate = new TaskCompletionSource();
        var runs = new DiagnosticRuns(Context);
        var backend = new FakeDiagnostics(_ => new ReadinessReport([]), gate.Task);
        var first = DiagnosticsArea.StartReadiness(runs, backend, ReadinessSweep.Find("quick")!);
        var second = DiagnosticsArea.StartReadiness(runs, backend, ReadinessSweep.Find("loss")!);
        Assert.Same(first, second);
        Assert.Equal(DiagnosticRunState.Running, first.State);

        await runs.DisposeAsync();

        Assert.Equal(DiagnosticRunState.Cancelled, first.State);
    }

    private static async Task WaitAsync(DiagnosticRun run)
    {
        for (var i = 0; i < 500 && run.State == DiagnosticRunState.Running; i++)
        {
            await Task.Delay(10);
        }

        Assert.NotEqual(DiagnosticRunState.Running, run.State);
    }

    private sealed class FakeDiagnostics(Func<IReadOnlyList<ReadinessCase>, ReadinessReport> readiness, Task? gate = null) : IAdminDiagnostics
    {
        public async Task<ReadinessReport> RunReadinessTestAsync(IReadOnlyList<ReadinessCase> cases, IProgress<string> progress, CancellationToken cancellationToken)
        {
            progress.Report("started");
            if (gate is not null)
            {
                await gate.WaitAsync(cancellationToken);
            }

            return readiness(cases);
        }

        public Task<SipOptionsResult> SipOptionsAsync(string uri, TimeSpan timeout, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<TrunkFaxTestResult> TrunkFaxTestAsync(string number, IProgress<string> progress, CancellationToken cancellationToken) => throw new NotSupportedException();

        public FaxBox.Core.Capture.PacketCaptureStatus CaptureStatus => new(false, null, 0, 0, 0, null);

        public void StartCapture(TimeSpan maxDuration) => throw new NotSupportedException();

        public Task<FaxBox.Core.Capture.PacketCaptureStatus> StopCaptureAsync() => throw new NotSupportedException();

        public Stream? OpenCapture() => null;
    }
}
