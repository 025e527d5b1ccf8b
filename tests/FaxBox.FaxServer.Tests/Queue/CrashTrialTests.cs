using System.Diagnostics;
using System.Globalization;
using FaxBox.FaxServer.Queue;
using Xunit.Abstractions;

namespace FaxBox.FaxServer.Tests.Queue;

/// <summary>
/// Kill -9 trials of the outbox (issue 7, "Proof"): a worker process (tests/FaxBox.FaxServer.CrashWorker) submits jobs
/// and sends them through a random fax caller, journalling (fsync'd) each acknowledged submission and each call the
/// caller completed as sent; it is killed with SIGKILL after a random number (2–60) of its own events (submissions,
/// calls placed, calls sent), restarted on the same files, 50 times, and finally run until every job has finished.
/// </summary>
public sealed class CrashTrialTests(ITestOutputHelper output)
{
    private const int Kills = 50;

    [Fact]
    public async Task Fifty_kill_9s_lose_no_acknowledged_job_and_send_none_twice()
    {
        using var folder = TestPaths.NewTempFolder();
        string db = folder.File("jobs.db");
        string journal = folder.File("journal");
        int seed = Environment.TickCount;
        var random = new Random(seed);
        var clock = Stopwatch.StartNew();
        int kills = 0;
        for (int trial = 0; trial < Kills * 2 && kills < Kills; trial++)
        {
            using var worker = Start(db, journal, "run", random.Next());
            int target = random.Next(2, 60);
            int lines = 0;
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (await worker.StandardOutput.ReadLineAsync(limit.Token) is { } line)
            {
                if (++lines == target)
                {
                    worker.Kill(); // SIGKILL
                    kills++;
                    break;
                }
            }

            await worker.WaitForExitAsync(limit.Token);
            Assert.True(worker.ExitCode is 137 or -1, $"seed {seed}, trial {trial}: the worker exited {worker.ExitCode}: {await worker.StandardError.ReadToEndAsync(limit.Token)}");
        }

        // The last run goes to the end.
        using (var last = Start(db, journal, "finish", random.Next()))
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            string all = await last.StandardOutput.ReadToEndAsync(limit.Token);
            await last.WaitForExitAsync(limit.Token);
            Assert.True(last.ExitCode == 0 && all.EndsWith("done\n", StringComparison.Ordinal), $"seed {seed}: the final run exited {last.ExitCode}: {await last.StandardError.ReadToEndAsync(limit.Token)}");
        }

        var (acks, sent) = ReadJournal(journal);
        using var store = JobStore.Open(db, TimeProvider.System); // quick_check on open
        Assert.Equal("ok", store.IntegrityCheck());
        var jobs = new List<FaxJob>();
        for (int page = 0; page < 100; page++)
        {
            var batch = store.List(new FaxJobQuery { Limit = 1000, Offset = page * 1000 }).Jobs;
            jobs.AddRange(batch);
            if (batch.Count < 1000)
            {
                break;
            }
        }

        var byId = jobs.ToDictionary(j => j.Id);

        Assert.True(kills >= Kills, $"only {kills} kills");
        Assert.True(jobs.Count >= acks.Count && acks.Count >= kills, $"{jobs.Count} jobs, {acks.Count} acknowledged");
        Assert.All(acks, id => Assert.True(byId.ContainsKey(id), $"seed {seed}: acknowledged job {id} is missing"));
        Assert.Empty(sent.Where(s => s.Value > 1).Select(s => $"job {s.Key} reported sent {s.Value} times"));
        Assert.Empty(jobs.Where(j => j.State is not (FaxJobState.Sent or FaxJobState.Failed)).Select(j => $"job {j.Id} {j.State}"));
        Assert.Empty(sent.Keys.Where(id => byId[id].State != FaxJobState.Sent).Select(id => $"job {id} reported sent by the caller but {byId[id].State}"));

        var attempts = jobs.SelectMany(j => store.Attempts(j.Id)).ToList();
        int interrupted = attempts.Count(a => a.Outcome == FaxAttemptOutcome.Interrupted);
        int recoveredSent = attempts.Count(a => a.Outcome == FaxAttemptOutcome.Sent && a.Reason!.Contains("before the box restarted", StringComparison.Ordinal));
        Assert.Empty(attempts.Where(a => a.Outcome is null).Select(a => $"attempt {a.Id} of job {a.JobId} left open"));
        Assert.True(interrupted >= 5, $"only {interrupted} kills landed during a call: the trial proves too little");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seed {seed}: {kills} kills in {clock.Elapsed.TotalSeconds:F1} s; {jobs.Count} jobs ({acks.Count} acknowledged), {jobs.Count(j => j.State == FaxJobState.Sent)} sent, {jobs.Count(j => j.State == FaxJobState.Failed)} failed; {attempts.Count} attempts, {interrupted} interrupted by a kill, {recoveredSent} recorded sent at restart from stored page confirmations; {sent.Count} caller-reported sends, none twice"));
    }

    private static Process Start(string db, string journal, string mode, int seed)
    {
        string bin = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar); // …/tests/FaxBox.FaxServer.Tests/bin/Release/net10.0
        string framework = Path.GetFileName(bin);
        string configuration = Path.GetFileName(Path.GetDirectoryName(bin)!);
        string dll = Path.Combine(TestPaths.Repository, "tests", "FaxBox.FaxServer.CrashWorker", "bin", configuration, framework, "FaxBox.FaxServer.CrashWorker.dll");
        Assert.True(File.Exists(dll), $"the crash worker is not built: {dll}");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in (string[])[dll, db, journal, mode, seed.ToString(CultureInfo.InvariantCulture)])
        {
            info.ArgumentList.Add(a);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
    }

    /// <summary>Acknowledged job ids and, per job, how many calls the caller completed as sent; a torn last line is ignored.</summary>
    private static (HashSet<long> Acks, Dictionary<long, int> Sent) ReadJournal(string path)
    {
        string text = File.ReadAllText(path);
        var acks = new HashSet<long>();
        var sent = new Dictionary<long, int>();
        var lines = text.Split('\n');
        for (int i = 0; i < lines.Length - 1; i++) // the part after the last newline is torn or empty
        {
            var parts = lines[i].Split(' ');
            long id = long.Parse(parts[1], CultureInfo.InvariantCulture);
            if (parts[0] == "ack")
            {
                acks.Add(id);
            }
            else if (parts[0] == "sent")
            {
                sent[id] = sent.GetValueOrDefault(id) + 1;
            }
            else
            {
                throw new InvalidDataException($"journal line {i + 1}: '{lines[i]}'");
            }
        }

        return (acks, sent);
    }
}
