using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using System.Text;
using FaxBox.Admin.Api;
using FaxBox.Fax.Documents;
using FaxBox.FaxServer.Inbox;
using FaxBox.FaxServer.Queue;
using FaxBox.Host.Api;
using Xunit.Abstractions;

namespace FaxBox.Host.Tests.CrashTrials;

/// <summary>
/// Kill -9 trials of the real product (issue 7, "Proof"): two <c>faxbox run</c> processes on the simulator board,
/// 127.0.0.1 only. Box A queues one-page faxes (each page carries its job's number) to box B's terminal number through
/// its local API socket and sends them with its retry ladder, several at once. Box B is killed with SIGKILL at random
/// moments — while starting and recovering, while calls are set up, while pages arrive, while faxes commit — and
/// restarted at once, <see cref="ReceiverKills"/> times; box A is killed too. Then both run until every job has ended,
/// and the files of both are checked: no acknowledged job lost, none sent twice, no page lost, every received fax a
/// readable TIFF, no <c>.part</c> left, the job database intact.
/// </summary>
[Collection(Name)]
public sealed class KillNineTrialTests(ITestOutputHelper output)
{
    /// <summary>The trials run alone: they load both cores.</summary>
    public const string Name = "kill -9 trials of two boxes";

    private const int ReceiverKills = 50;
    private const int SenderKills = 10;
    private const int Jobs = 20;
    private const int MaxCalls = 12;

    private static readonly TimeSpan ReadyLimit = TimeSpan.FromSeconds(60); // a restart recovers the inbox (fsyncs) and starts the admin site: 12–25 s on a 2-core machine at load 25

    /// <summary>Lives that wait for a page or a commit are chosen only this long into the storm.</summary>
    private static readonly TimeSpan TargetedBudget = TimeSpan.FromSeconds(110);

    [Fact]
    public async Task Receiver_and_sender_killed_at_random_lose_no_job_no_page_and_send_none_twice()
    {
        using var folder = TestPaths.NewTempFolder();
        Assert.True(File.Exists(BoxProcess.FaxboxDll), $"faxbox is not built: {BoxProcess.FaxboxDll}");
        int seed = Environment.TickCount;
        var random = new Random(seed);
        int mediaBase = 20000 + (random.Next(0, 48) * 200);
        int portA = FreeUdpPort();
        int portB = FreeUdpPort();
        var a = new TrialBox(folder.Path, "a", portA, portB, mediaBase, MaxCalls);
        var b = new TrialBox(folder.Path, "b", portB, portA, mediaBase + 200, MaxCalls);
        var log = new StringBuilder();
        var clock = Stopwatch.StartNew();
        var figures = new Figures();
        var boxes = new Boxes(a, b, log);
        try
        {
            await boxes.StartAsync();
            using var storm = new CancellationTokenSource(TimeSpan.FromSeconds(240));
            var submitter = SubmitAsync(boxes, folder.Path, figures, random.Next(), storm.Token);
            await KillAsync(boxes, figures, new Random(random.Next()), storm.Token);
            await submitter;
            Assert.True(figures.ReceiverKills >= ReceiverKills, $"seed {seed}: only {figures.ReceiverKills} kills of B in time");

            // The calls A placed to a B that died hang until T.30 gives up; one more kill of A ends them now.
            await boxes.KillSenderAsync();
            figures.SenderKills++;
            await boxes.WaitSenderReadyAsync();
            await WaitAllFinalAsync(a, TimeSpan.FromSeconds(120), seed);
            await WaitIdleAsync(b, TimeSpan.FromSeconds(30), seed);
            Assert.Equal(0, await boxes.StopAsync());
            Check(a, b, figures, seed);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seed {seed}, {clock.Elapsed.TotalSeconds:F0} s: {figures}"));
        }
        catch
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seed {seed}, {clock.Elapsed.TotalSeconds:F0} s: {figures}"));
            string text;
            lock (log)
            {
                text = log.ToString();
            }

            output.WriteLine(text.Length > 60_000 ? text[^60_000..] : text);
            throw;
        }
        finally
        {
            boxes.Dispose();
        }
    }

    /// <summary>
    /// Kills B <see cref="ReceiverKills"/> times: a fifth while it starts (before "ready": recovery of the last life's
    /// calls), most 0.2–2 s after it is ready (call set-up, T.38 switch-over, training), and about one in seven when a page is
    /// arriving or a fax has just been committed (the next call's MCF and DCN); <see cref="SenderKills"/> of those lives
    /// also see A killed halfway.
    /// </summary>
    private static async Task KillAsync(Boxes boxes, Figures figures, Random random, CancellationToken cancellationToken)
    {
        var senderKillAt = new HashSet<int>();
        while (senderKillAt.Count < SenderKills)
        {
            senderKillAt.Add(random.Next(3, ReceiverKills - 2));
        }

        var storm = Stopwatch.StartNew();
        for (int life = 0; life < ReceiverKills && !cancellationToken.IsCancellationRequested; life++)
        {
            // The slow lives (waiting for a page) stop after TargetedBudget, so the 50 kills fit the time.
            double roll = random.NextDouble() * (storm.Elapsed < TargetedBudget ? 1.0 : 0.85);
            if (roll < 0.2)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(random.Next(0, 700)), CancellationToken.None);
                figures.KillsWhileStarting += boxes.Receiver.Ready.IsCompleted ? 0 : 1;
            }
            else if (roll < 0.85)
            {
                await boxes.WaitReceiverReadyAsync();
                var lifetime = TimeSpan.FromSeconds(0.2 + (random.NextDouble() * 1.8));
                if (senderKillAt.Contains(life))
                {
                    await Task.Delay(lifetime / 2, CancellationToken.None);
                    await boxes.KillSenderAsync();
                    figures.SenderKills++;
                    await Task.Delay(lifetime / 2, CancellationToken.None);
                    await boxes.WaitSenderReadyAsync();
                }
                else
                {
                    await Task.Delay(lifetime, CancellationToken.None);
                }
            }
            else
            {
                await boxes.WaitReceiverReadyAsync();
                figures.KillsInPagesOrCommits += await WaitPageOrCommitAsync(boxes.B, TimeSpan.FromSeconds(14)) ? 1 : 0;
                await Task.Delay(TimeSpan.FromMilliseconds(random.Next(0, 600)), CancellationToken.None);
            }

            figures.PartsAtKill += Directory.Exists(Path.Combine(boxes.B.Inbox, "incoming"))
                ? Directory.GetFiles(Path.Combine(boxes.B.Inbox, "incoming"), "*.part").Length
                : 0;
            await boxes.KillReceiverAsync();
            figures.ReceiverKills++;
        }

        await boxes.WaitReceiverReadyAsync();
    }

    /// <summary>Waits (at most <paramref name="limit"/>) until a page is arriving at B (a <c>.part</c> past its TIFF header: the first page is in) or B committed a fax.</summary>
    private static async Task<bool> WaitPageOrCommitAsync(TrialBox b, TimeSpan limit)
    {
        string incoming = Path.Combine(b.Inbox, "incoming");
        string stored = Path.Combine(b.Inbox, "default");
        int before = Directory.Exists(stored) ? Directory.GetFiles(stored, "*.json").Length : 0;
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < limit)
        {
            if (Directory.GetFiles(incoming, "*.part").Any(f => new FileInfo(f).Length > 400)
                || (Directory.Exists(stored) && Directory.GetFiles(stored, "*.json").Length > before))
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), CancellationToken.None);
        }

        return false;
    }

    /// <summary>Submits <see cref="Jobs"/> jobs to A, about one a second; a submission A died under is not acknowledged.</summary>
    private static async Task SubmitAsync(Boxes boxes, string folder, Figures figures, int seed, CancellationToken cancellationToken)
    {
        var random = new Random(seed);
        for (int number = 1; figures.Acknowledged.Count < Jobs && number <= JobPage.MaxNumber && !cancellationToken.IsCancellationRequested; number++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(2000, 8000)), CancellationToken.None);
            string tiff = Path.Combine(folder, $"job-{number}.tif");
            JobPage.Write(tiff, number);
            try
            {
                using var client = LocalApiClient.Create(boxes.A.Socket, TimeSpan.FromSeconds(20));
                using var form = new MultipartFormDataContent();
                form.Add(new StringContent(TrialBox.TerminalNumber), "to");
                using var stream = File.OpenRead(tiff);
                var part = new StreamContent(stream);
                part.Headers.ContentType = new MediaTypeHeaderValue("image/tiff");
                form.Add(part, "file", Path.GetFileName(tiff));
                using var response = await client.PostAsync(new Uri("api/v1/jobs", UriKind.Relative), form, cancellationToken);
                var job = await LocalApiClient.ReadAsync<JobDto>(response.Content, cancellationToken);
                Assert.True(response.IsSuccessStatusCode && job is not null, $"submission {number}: {(int)response.StatusCode}");
                figures.Acknowledged[job.Id] = number;
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or SocketException or TaskCanceledException or System.Text.Json.JsonException)
            {
                figures.UnacknowledgedSubmissions++; // A was down or died under it: not acknowledged, so no promise.
            }
        }
    }

    private static async Task WaitAllFinalAsync(TrialBox a, TimeSpan limit, int seed)
    {
        var deadline = Stopwatch.StartNew();
        using var client = LocalApiClient.Create(a.Socket, TimeSpan.FromSeconds(20));
        while (true)
        {
            using (var store = JobStore.Open(a.JobDatabase, TimeProvider.System))
            {
                var open = AllJobs(store).Where(j => j.State is not (FaxJobState.Sent or FaxJobState.Failed or FaxJobState.Cancelled)).ToList();
                if (open.Count == 0)
                {
                    return;
                }

                Assert.True(deadline.Elapsed < limit, $"seed {seed}: after {limit} jobs still open: {string.Join(", ", open.Select(j => $"{j.Id} {j.State} ({j.LastResult})"))}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
    }

    /// <summary>Waits until B has no fax in <c>incoming</c> (no call in progress, every commit done).</summary>
    private static async Task WaitIdleAsync(TrialBox b, TimeSpan limit, int seed)
    {
        string incoming = Path.Combine(b.Inbox, "incoming");
        var deadline = Stopwatch.StartNew();
        while (Directory.EnumerateFiles(incoming).Any())
        {
            Assert.True(deadline.Elapsed < limit, $"seed {seed}: B's incoming still holds {string.Join(", ", Directory.GetFiles(incoming).Select(Path.GetFileName))}");
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }

    private static void Check(TrialBox a, TrialBox b, Figures figures, int seed)
    {
        // A: the job database.
        using var store = JobStore.Open(a.JobDatabase, TimeProvider.System);
        Assert.Equal("ok", store.IntegrityCheck());
        var jobs = AllJobs(store);
        var byId = jobs.ToDictionary(j => j.Id);
        Assert.Empty(figures.Acknowledged.Keys.Where(id => !byId.ContainsKey(id)).Select(id => $"seed {seed}: acknowledged job {id} is missing"));
        Assert.Empty(jobs.Where(j => j.State is not (FaxJobState.Sent or FaxJobState.Failed)).Select(j => $"job {j.Id} ended {j.State}"));
        Assert.Empty(jobs.Where(j => j.State == FaxJobState.Failed && string.IsNullOrWhiteSpace(j.LastResult)).Select(j => $"job {j.Id} failed without a reason"));
        var attempts = jobs.ToDictionary(j => j.Id, j => store.Attempts(j.Id));
        Assert.Empty(attempts.Values.SelectMany(x => x).Where(x => x.Outcome is null).Select(x => $"attempt {x.Id} of job {x.JobId} left open"));
        foreach (var job in jobs)
        {
            var list = attempts[job.Id].OrderBy(x => x.Number).ToList();
            int sent = list.Count(x => x.Outcome == FaxAttemptOutcome.Sent);
            Assert.True(sent <= 1, $"seed {seed}: job {job.Id} has {sent} sent attempts");
            Assert.True(job.State != FaxJobState.Sent || list[^1].Outcome == FaxAttemptOutcome.Sent, $"seed {seed}: job {job.Id} was attempted again after it was sent");
        }

        // Which number each job's stored document carries (the page A sends).
        var numberOfJob = jobs.ToDictionary(j => j.Id, j => JobPage.Read(FaxDocument.Load(j.DocumentPath).Pages[0]));
        Assert.Empty(numberOfJob.Where(p => p.Value is null).Select(p => $"job {p.Key}'s document carries no number"));
        Assert.Empty(figures.Acknowledged.Where(p => numberOfJob[p.Key] != p.Value).Select(p => $"job {p.Key} carries {numberOfJob[p.Key]}, submitted as {p.Value}"));
        var jobOfNumber = numberOfJob.ToDictionary(p => p.Value!.Value, p => p.Key);

        // B: every stored fax, its TIFF decoded page by page.
        var faxes = new List<(ReceivedFax Fax, long? Job)>();
        foreach (string dir in Directory.GetDirectories(b.Inbox).Where(d => Path.GetFileName(d) is not ("incoming" or "tmp")))
        {
            Assert.Empty(Directory.GetFiles(dir, "*.part"));
            foreach (string sidecar in Directory.GetFiles(dir, "*.json"))
            {
                var fax = InboxStore.Read(sidecar);
                string tiff = Path.ChangeExtension(sidecar, ".tif");
                if (fax.Pages == 0)
                {
                    Assert.False(fax.Success, $"{sidecar}: a successful fax without pages");
                    Assert.False(File.Exists(tiff), $"{tiff}: a TIFF for a fax of 0 pages");
                    faxes.Add((fax, null));
                    continue;
                }

                FaxDocument document;
                try
                {
                    document = FaxDocument.Load(tiff);
                }
                catch (FaxDocumentException ex)
                {
                    throw new Xunit.Sdk.XunitException($"seed {seed}: {tiff} ({fax.Result}) does not decode: {ex.Message}");
                }

                Assert.True(document.Pages.Count == fax.Pages, $"{tiff}: {document.Pages.Count} pages, the sidecar says {fax.Pages}");
                var numbers = document.Pages.Select(JobPage.Read).Distinct().ToList();
                Assert.True(numbers is [{ } n] && jobOfNumber.ContainsKey(n), $"{tiff}: pages carry {string.Join(", ", numbers)}, not one job's number");
                faxes.Add((fax, jobOfNumber[numbers[0]!.Value]));
            }
        }

        Assert.Empty(Directory.GetFiles(Path.Combine(b.Inbox, "incoming")));
        foreach (var job in jobs)
        {
            var copies = faxes.Where(f => f.Job == job.Id).ToList();
            int whole = copies.Count(f => f.Fax.Pages >= job.Pages);
            int complete = copies.Count(f => f.Fax.Success);
            int mayRepeat = attempts[job.Id].Count(x => x.Outcome is FaxAttemptOutcome.Sent or FaxAttemptOutcome.Interrupted);
            // Sent: A heard MCF for every page, so B had stored every page.
            Assert.True(job.State != FaxJobState.Sent || whole >= 1, $"seed {seed}: job {job.Id} is sent but B holds no copy with all its pages");
            // Complete at B means A finished T.30 (DCN): A recorded it sent, or A died right there and the attempt was interrupted.
            Assert.True(complete <= mayRepeat, $"seed {seed}: job {job.Id}: B holds {complete} complete copies, A recorded {mayRepeat} attempts that could have finished");
            Assert.True(complete == 0 || job.State == FaxJobState.Sent || mayRepeat > 0, $"seed {seed}: job {job.Id} {job.State} but B holds a complete copy");
        }

        figures.JobsInDatabase = jobs.Count;
        figures.Sent = jobs.Count(j => j.State == FaxJobState.Sent);
        figures.Failed = jobs.Count(j => j.State == FaxJobState.Failed);
        figures.Attempts = attempts.Values.Sum(x => x.Count);
        figures.Interrupted = attempts.Values.Sum(x => x.Count(y => y.Outcome == FaxAttemptOutcome.Interrupted));
        figures.FaxFailures = attempts.Values.Sum(x => x.Count(y => y.Outcome == FaxAttemptOutcome.FaxFailed));
        figures.FaxesComplete = faxes.Count(f => f.Fax.Success);
        figures.FaxesPartial = faxes.Count(f => !f.Fax.Success && f.Fax.Pages > 0);
        figures.FaxesEmpty = faxes.Count(f => f.Fax.Pages == 0);
        figures.FailureReasons = string.Join("; ", jobs.Where(j => j.State == FaxJobState.Failed).GroupBy(j => Regex.Replace(j.LastResult ?? "", "[0-9]+", "N")).Select(g => $"{g.Count()} × {g.Key}"));
        Assert.True(figures.Sent >= Jobs / 4, $"seed {seed}: only {figures.Sent} of {jobs.Count} jobs sent: the trial proves too little");
        Assert.True(figures.FaxesPartial + figures.FaxesEmpty >= 5, $"seed {seed}: only {figures.FaxesPartial + figures.FaxesEmpty} faxes cut by a kill: the kills missed the calls");
    }

    private static List<FaxJob> AllJobs(JobStore store) => [.. store.List(new FaxJobQuery { Limit = 1000 }).Jobs];

    private static int FreeUdpPort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        probe.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        return ((System.Net.IPEndPoint)probe.LocalEndPoint!).Port;
    }

    /// <summary>The two boxes' current lives.</summary>
    private sealed class Boxes(TrialBox a, TrialBox b, StringBuilder log) : IDisposable
    {
        public TrialBox A => a;

        public TrialBox B => b;

        public BoxProcess Sender { get; private set; } = null!;

        public BoxProcess Receiver { get; private set; } = null!;

        public async Task StartAsync()
        {
            Receiver = BoxProcess.Start("B", b.Config, log);
            Sender = BoxProcess.Start("A", a.Config, log);
            await Receiver.WaitReadyAsync(ReadyLimit);
            await Sender.WaitReadyAsync(ReadyLimit);
        }

        public async Task KillReceiverAsync()
        {
            await Receiver.KillAsync();
            Receiver.Dispose();
            Receiver = BoxProcess.Start("B", b.Config, log);
        }

        public async Task KillSenderAsync()
        {
            await Sender.KillAsync();
            Sender.Dispose();
            Sender = BoxProcess.Start("A", a.Config, log);
        }

        public Task WaitReceiverReadyAsync() => Receiver.WaitReadyAsync(ReadyLimit);

        public Task WaitSenderReadyAsync() => Sender.WaitReadyAsync(ReadyLimit);

        /// <summary>Stops both cleanly (SIGTERM); the larger exit code.</summary>
        public async Task<int> StopAsync()
        {
            int sender = await Sender.StopAsync(TimeSpan.FromSeconds(30));
            int receiver = await Receiver.StopAsync(TimeSpan.FromSeconds(30));
            return Math.Max(sender, receiver);
        }

        public void Dispose()
        {
            Sender?.Dispose();
            Receiver?.Dispose();
        }
    }

    /// <summary>What the trial did and found, printed at the end.</summary>
    private sealed class Figures
    {
        public Dictionary<long, int> Acknowledged { get; } = [];

        public int UnacknowledgedSubmissions { get; set; }

        public int ReceiverKills { get; set; }

        public int KillsWhileStarting { get; set; }

        public int KillsInPagesOrCommits { get; set; }

        public int PartsAtKill { get; set; }

        public int SenderKills { get; set; }

        public int JobsInDatabase { get; set; }

        public int Sent { get; set; }

        public int Failed { get; set; }

        public int Attempts { get; set; }

        public int Interrupted { get; set; }

        public int FaxFailures { get; set; }

        public int FaxesComplete { get; set; }

        public int FaxesPartial { get; set; }

        public int FaxesEmpty { get; set; }

        public string FailureReasons { get; set; } = string.Empty;

        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"B killed {ReceiverKills} times ({KillsWhileStarting} while starting, {KillsInPagesOrCommits} while a page arrived or just after a commit, {PartsAtKill} .part files open at the kills), A killed {SenderKills} times; " +
            $"{Acknowledged.Count} jobs acknowledged ({UnacknowledgedSubmissions} submissions not), {JobsInDatabase} in A's database: {Sent} sent, {Failed} failed; " +
            $"{Attempts} attempts ({Attempts - JobsInDatabase} retries, {Interrupted} interrupted by a kill of A, {FaxFailures} fax failures); " +
            $"B's inbox: {FaxesComplete} complete, {FaxesPartial} partial with pages, {FaxesEmpty} without a page; failed jobs: {FailureReasons}");
    }
}
