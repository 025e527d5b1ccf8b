using System.Globalization;
using FaxBox.CallControl.Terminals;
using FaxBox.FaxServer.CrashWorker;
using FaxBox.FaxServer.Queue;
using Microsoft.Extensions.Logging.Abstractions;

// Usage: FaxBox.FaxServer.CrashWorker DB JOURNAL run|finish SEED
// Runs the outbox on DB against a random fax caller. "run" keeps submitting jobs (journalling "ack ID" after each
// submission returned), with at most 12 unfinished at a time, until it is killed — the trial kills it at random moments
// and starts it again on the same files. "finish" submits nothing, prints "done" and exits 0 once every job has finished.
if (args.Length != 4 || args[2] is not ("run" or "finish"))
{
    Console.Error.WriteLine("usage: FaxBox.FaxServer.CrashWorker DB JOURNAL run|finish SEED");
    return 2;
}

string db = args[0];
bool submit = args[2] == "run";
int seed = int.Parse(args[3], CultureInfo.InvariantCulture);
var random = new Random(seed);
using var journal = new CrashJournal(args[1]);
using var store = JobStore.Open(db, TimeProvider.System);
var ladder = new RetryLadder(new RetryLadderOptions
{
    BackOff = [TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(50)],
    MaxRetries = 4,
    FaxFailureDelay = TimeSpan.FromMilliseconds(10),
    InterruptedDelay = TimeSpan.Zero,
    MaxInterruptions = 1000,
});
var options = new JobSchedulerOptions { MaxCalls = 6, MaxCallsPerAccount = 4, LocalIdent = "+1 555 0100" };
await using var scheduler = new JobScheduler(store, new RandomFaxCaller(journal, seed), ladder, options, TimeProvider.System, NullLogger<JobScheduler>.Instance);
await scheduler.StartAsync(CancellationToken.None);
Console.WriteLine("ready");

for (int i = 0; submit && i < 100_000; i++)
{
    if (store.Figures().Depth >= 12)
    {
        await Task.Delay(5);
        continue;
    }

    int pages = random.Next(1, 4);
    string account = random.Next(2) == 0 ? "trunkA" : "trunkB";
    var job = await scheduler.SubmitAsync(
        new FaxJobSubmission("crash-trial", string.Create(CultureInfo.InvariantCulture, $"55501{random.Next(10):D2}"), account, $"/nonexistent/doc-{pages}.tif", pages, null, null),
        CancellationToken.None);
    journal.Write(string.Create(CultureInfo.InvariantCulture, $"ack {job.Id}"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ack {job.Id}"));
    await Task.Delay(random.Next(0, 8));
}

// Wait (bounded) for every job to finish.
for (int i = 0; i < 6000 && store.Figures().Depth > 0; i++)
{
    await Task.Delay(10);
}

if (store.Figures().Depth > 0)
{
    Console.Error.WriteLine($"jobs still unfinished after 60 s: {store.Figures()}");
    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"now {DateTimeOffset.UtcNow:O}; unfinished:"));
    foreach (var job in store.List(new FaxJobQuery { Limit = 100, States = [FaxJobState.Queued, FaxJobState.WaitingRetry, FaxJobState.Sending] }).Jobs)
    {
        Console.Error.WriteLine(job);
    }

    return 1;
}

await scheduler.StopAsync(CancellationToken.None);
Console.WriteLine("done");
return 0;
