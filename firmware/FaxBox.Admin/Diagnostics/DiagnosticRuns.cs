using System.Security.Cryptography;

namespace FaxBox.Admin.Diagnostics;

/// <summary>
/// The diagnostic runs of the site: started in the background, one of each kind at a time (a second start of a running
/// kind gets the running one), the last <see cref="Kept"/> kept for their pages. Every task is kept and awaited on
/// dispose (which cancels them); a run that throws ends as <see cref="DiagnosticRunState.Error"/> with the reason.
/// </summary>
internal sealed class DiagnosticRuns(AdminContext context) : IAsyncDisposable
{
    /// <summary>Finished runs kept for their pages.</summary>
    public const int Kept = 20;

    private readonly Lock _lock = new();
    private readonly List<DiagnosticRun> _runs = [];
    private readonly List<Task> _tasks = [];
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>The run with <paramref name="id"/>, or null.</summary>
    public DiagnosticRun? Find(string id)
    {
        lock (_lock)
        {
            return _runs.FirstOrDefault(r => r.Id == id);
        }
    }

    /// <summary>The runs, newest first.</summary>
    public IReadOnlyList<DiagnosticRun> All
    {
        get
        {
            lock (_lock)
            {
                return [.. _runs.AsEnumerable().Reverse()];
            }
        }
    }

    /// <summary>Starts <paramref name="work"/> as a run of <paramref name="kind"/>, unless one of that kind is running (then returns it).</summary>
    public DiagnosticRun Start(string kind, string title, Func<IProgress<string>, CancellationToken, Task<(DiagnosticRunState State, string Summary, object? Result)>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        DiagnosticRun run;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
            if (_runs.FirstOrDefault(r => r.Kind == kind && r.State == DiagnosticRunState.Running) is { } running)
            {
                return running;
            }

            run = new DiagnosticRun(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), kind, title, context.Time.GetUtcNow());
            _runs.Add(run);
            while (_runs.Count > Kept && _runs.FirstOrDefault(r => r.State != DiagnosticRunState.Running) is { } old)
            {
                _runs.Remove(old);
            }

            _tasks.RemoveAll(t => t.IsCompleted);
            _tasks.Add(Task.Run(() => RunAsync(run, work)));
        }

        return run;
    }

    public async ValueTask DisposeAsync()
    {
        Task[] tasks;
        lock (_lock)
        {
            _stopping.Cancel();
            tasks = [.. _tasks];
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task RunAsync(DiagnosticRun run, Func<IProgress<string>, CancellationToken, Task<(DiagnosticRunState, string, object?)>> work)
    {
        try
        {
            var (state, summary, result) = await work(new LineProgress(run), _stopping.Token).ConfigureAwait(false);
            run.Finish(state, summary, result);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            run.Finish(DiagnosticRunState.Cancelled, "stopped: the admin site is stopping", null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            run.Finish(DiagnosticRunState.Error, $"could not run: {e.Message}", null);
        }
    }

    /// <summary>Progress lines straight into the run (not through a synchronisation context: the run is read by other requests).</summary>
    private sealed class LineProgress(DiagnosticRun run) : IProgress<string>
    {
        public void Report(string value) => run.Report(value);
    }
}
