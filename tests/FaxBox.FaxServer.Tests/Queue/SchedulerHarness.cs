using FaxBox.FaxServer.Queue;
using Microsoft.Extensions.Logging.Abstractions;

namespace FaxBox.FaxServer.Tests.Queue;

/// <summary>A scheduler on a fake clock and a fake caller, over a real SQLite file.</summary>
internal sealed class SchedulerHarness : IAsyncDisposable, IFaxJobObserver
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);
    private readonly Lock _lock = new();
    private readonly List<FaxJobEvent> _events = [];
    private readonly TempFolder? _ownFolder;

    public SchedulerHarness(Action<JobSchedulerOptions>? options = null, Action<RetryLadderOptions>? ladder = null, TempFolder? folder = null, ManualTimeProvider? time = null)
    {
        if (folder is null)
        {
            _ownFolder = TestPaths.NewTempFolder();
            folder = _ownFolder;
        }

        Folder = folder;
        Time = time ?? new ManualTimeProvider();
        var o = new JobSchedulerOptions { LocalIdent = "+49 30 9999" };
        options?.Invoke(o);
        var l = new RetryLadderOptions();
        ladder?.Invoke(l);
        Store = JobStore.Open(folder.File("jobs.db"), Time);
        Scheduler = new JobScheduler(Store, Caller, new RetryLadder(l), o, Time, NullLogger<JobScheduler>.Instance, [this]);
    }

    public TempFolder Folder { get; }

    public ManualTimeProvider Time { get; }

    public FakeFaxCaller Caller { get; } = new();

    public JobStore Store { get; }

    public JobScheduler Scheduler { get; }

    public Func<FaxJobEvent, ValueTask>? OnEvent { get; set; }

    public IReadOnlyList<FaxJobEvent> Events
    {
        get
        {
            lock (_lock)
            {
                return [.. _events];
            }
        }
    }

    public async Task StartAsync()
    {
        await Scheduler.StartAsync(CancellationToken.None);
        await IdleAsync();
    }

    public Task IdleAsync() => Scheduler.WaitIdleAsync(Limit);

    public async Task AdvanceAsync(TimeSpan by)
    {
        Time.Advance(by);
        await IdleAsync();
    }

    public async Task<FaxJob> SubmitAsync(string destination = "0301234567", string? account = null, int pages = 2)
    {
        var job = await Scheduler.SubmitAsync(JobStoreTests.Submission(destination, account, pages), CancellationToken.None);
        await IdleAsync();
        return job;
    }

    public async Task EndAsync(FakeCall call, CallControl.Terminals.FaxCallOutcomeKind kind, int pages = 0)
    {
        call.End(kind, pages);
        await IdleAsync();
    }

    public FaxJob Job(long id) => Store.Get(id)!;

    public ValueTask OnJobEventAsync(FaxJobEvent jobEvent, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _events.Add(jobEvent);
        }

        return OnEvent?.Invoke(jobEvent) ?? ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await Scheduler.DisposeAsync();
        Store.Dispose();
        _ownFolder?.Dispose();
    }
}
