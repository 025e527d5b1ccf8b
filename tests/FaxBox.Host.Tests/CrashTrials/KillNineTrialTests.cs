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
/// 127.0.0.1 only. Box A queues two-page faxes (each page carries its job's number) to box B's terminal number through
/// its local API socket and sends them with its retry ladder, several at once; B posts each received fax to a webhook.
/// Each life of the storm aims at one phase (<see cref="TrialPhase"/>) of receiving (B) or sending (A): it waits for the
/// line the box logs when that phase begins (the terminal's T.30 steps, the fax record, the webhook post arriving), kills
/// the box with SIGKILL a random moment later and restarts it at once; the kill counts for the phase only when the box
/// provably died in it (the phase's end never logged; for the inbox write and the attempt bookkeeping, the next life
/// recovering that very fax or job). Then both run until every job has ended, and the files of both are checked: no
/// acknowledged job lost, none sent twice, no page lost, every received fax a readable TIFF delivered to the webhook, no
/// <c>.part</c> left, the job database intact; every phase must have been hit a minimum number of times.
/// </summary>
[Collection(Name)]
public sealed class KillNineTrialTests(ITestOutputHelper output)
{
    /// <summary>The trials run alone: they load both cores.</summary>
    public const string Name = "kill -9 trials of two boxes";

    private const int MinKills = 50;
    private const int Jobs = 30;
    private const int MaxCalls = 12;

    /// <summary>
    /// Kills that must provably land in each phase. One each keeps the trial near 3 minutes: an aimed life costs a whole
    /// call (the peer notices the dead box, retries, calls again), 6–10 s, against about 2.5 s for a random one.
    /// </summary>
    private static readonly Dictionary<TrialPhase, int> MinimumHits = new()
    {
        [TrialPhase.ReceiverStarting] = 1,
        [TrialPhase.ReceiverCallSetUp] = 1,
        [TrialPhase.ReceiverPageData] = 1,
        [TrialPhase.ReceiverAfterPage] = 1,
        [TrialPhase.ReceiverInboxWrite] = 1,
        [TrialPhase.ReceiverDelivery] = 1,
        [TrialPhase.SenderCallSetUp] = 1,
        [TrialPhase.SenderPageData] = 1,
        [TrialPhase.SenderAfterPage] = 1,
        [TrialPhase.SenderBookkeeping] = 1,
    };

    private static readonly TimeSpan ReadyLimit = TimeSpan.FromSeconds(30);

    /// <summary>How long an aimed life waits for its phase to begin; then it ends without a kill ("not begun").</summary>
    private static readonly TimeSpan PhaseLimit = TimeSpan.FromSeconds(8);

    /// <summary>The storm stops after this long even when short of kills or hits (the test then fails, printing both).</summary>
    private static readonly TimeSpan StormBudget = TimeSpan.FromSeconds(220);

    private static readonly Regex Answering = new(@"terminal (?<call>\S+): answering a fax to ", RegexOptions.CultureInvariant);
    private static readonly Regex Sending = new(@"terminal (?<call>\S+): sending to \S+ over \S+ \(job (?<job>\d+) attempt \d+\)", RegexOptions.CultureInvariant);
    private static readonly Regex InboundB = new(@"terminal (?<call>\S+): inbound T\.30 phase B", RegexOptions.CultureInvariant);
    private static readonly Regex InboundD = new(@"terminal (?<call>\S+): inbound T\.30 phase D", RegexOptions.CultureInvariant);
    private static readonly Regex InboundRecord = new(@"terminal (?<call>\S+): inbound fax record", RegexOptions.CultureInvariant);
    private static readonly Regex OutboundB = new(@"terminal (?<call>\S+): outbound T\.30 phase B", RegexOptions.CultureInvariant);
    private static readonly Regex OutboundD = new(@"terminal (?<call>\S+): outbound T\.30 phase D", RegexOptions.CultureInvariant);
    private static readonly Regex OutboundRecord = new(@"terminal (?<call>\S+): outbound fax record", RegexOptions.CultureInvariant);

    [Fact]
    public async Task Receiver_and_sender_killed_at_random_lose_no_job_no_page_and_send_none_twice()
    {
        using var folder = TestPaths.NewTempFolder();
        Assert.True(File.Exists(BoxProcess.FaxboxDll), $"faxbox is not built: {BoxProcess.FaxboxDll}");
        int seed = Environment.TickCount;
        var random = new Random(seed);
        int mediaBase = FreeMediaBlock(random);
        int portA = FreeUdpPort();
        int portB = FreeUdpPort();
        using var webhook = TrialWebhook.Start();
        var a = new TrialBox(folder.Path, "a", portA, portB, mediaBase, MaxCalls);
        var b = new TrialBox(folder.Path, "b", portB, portA, mediaBase + 200, MaxCalls, webhook.Url);
        var log = new StringBuilder();
        var clock = Stopwatch.StartNew();
        var figures = new Figures();
        var boxes = new Boxes(a, b, log);
        try
        {
            await boxes.StartAsync();
            using var storm = new CancellationTokenSource(StormBudget + TimeSpan.FromSeconds(60));
            var submitter = SubmitAsync(boxes, folder.Path, figures, random.Next(), storm.Token);
            await KillAsync(boxes, webhook, figures, new Random(random.Next()), storm.Token);
            await submitter;
            Assert.True(figures.Kills >= MinKills, $"seed {seed}: only {figures.Kills} kills in time");

            // The calls A placed to a B that died hang until T.30 gives up; one more kill of A ends them now.
            await boxes.KillSenderAsync();
            figures.SenderKills++;
            await boxes.WaitSenderReadyAsync();
            await WaitAllFinalAsync(a, TimeSpan.FromSeconds(120), seed);
            await WaitIdleAsync(b, TimeSpan.FromSeconds(30), seed);
            await WaitDeliveredAsync(b, TimeSpan.FromSeconds(30), seed);
            Assert.Equal(0, await boxes.StopAsync());
            Check(a, b, webhook, figures, seed);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seed {seed}, {clock.Elapsed.TotalSeconds:F0} s: {figures}"));
            output.WriteLine($"lives: {figures.Trace}");
            Assert.Empty(MinimumHits.Where(m => figures.Hits(m.Key) < m.Value).Select(m => $"seed {seed}: {figures.Hits(m.Key)} kills provably in {m.Key}, at least {m.Value} needed"));
        }
        catch
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seed {seed}, {clock.Elapsed.TotalSeconds:F0} s: {figures}"));
            output.WriteLine($"lives: {figures.Trace}");
            string text;
            lock (log)
            {
                text = log.ToString();
            }

            output.WriteLine(text.Length > 60_000 ? text[^60_000..] : text);
            if (Environment.GetEnvironmentVariable("FAXBOX_TRIAL_LOG") is { Length: > 0 } file)
            {
                File.WriteAllText(file, text); // the whole log of both boxes, for a closer look
            }

            throw;
        }
        finally
        {
            boxes.Dispose();
        }
    }

    /// <summary>
    /// Lives until at least <see cref="MinKills"/> kills were made and every phase has its minimum of provable hits (or
    /// the budget is spent). Every other life aims at a phase still short of its minimum (while there is one): it waits for the
    /// phase to begin, kills the box a random moment into it and restarts it; a phase that does not begin in time costs
    /// no kill, so the boxes' calls get on meanwhile. The other lives are quick random ones (<see cref="RandomKillAsync"/>),
    /// which make up the count of kills and hit recovery at odd moments.
    /// </summary>
    private static async Task KillAsync(Boxes boxes, TrialWebhook webhook, Figures figures, Random random, CancellationToken cancellationToken)
    {
        var storm = Stopwatch.StartNew();
        var all = Enum.GetValues<TrialPhase>();
        for (int life = 0; (figures.Kills < MinKills || all.Any(p => figures.Hits(p) < MinimumHits[p])) && storm.Elapsed < StormBudget && !cancellationToken.IsCancellationRequested; life++)
        {
            var began = storm.Elapsed;
            var wanted = all.Where(p => figures.Hits(p) < MinimumHits[p]).ToArray();
            if (wanted.Length == 0 || (life % 2 == 1 && figures.Kills < MinKills))
            {
                await RandomKillAsync(boxes, random);
                figures.RandomKills++;
                figures.Trace.Append(CultureInfo.InvariantCulture, $"{began.TotalSeconds:F1}-{storm.Elapsed.TotalSeconds:F1} s random; ");
                continue;
            }

            var phase = wanted[random.Next(wanted.Length)];
            bool? hit = await KillInAsync(phase, boxes, webhook, random);
            figures.Count(phase, hit);
            figures.Trace.Append(CultureInfo.InvariantCulture, $"{began.TotalSeconds:F1}-{storm.Elapsed.TotalSeconds:F1} s {phase} {(hit is null ? "not begun" : hit.Value ? "hit" : "miss")}; ");
        }

        await boxes.WaitReceiverReadyAsync();
        await boxes.WaitSenderReadyAsync();
    }

    /// <summary>
    /// A quick life: B killed while it starts (three in five: recovery of the last life's calls and faxes, under a second
    /// each) or 0.2–2 s after it is ready; one in five of the latter also kills A halfway.
    /// </summary>
    private static async Task RandomKillAsync(Boxes boxes, Random random)
    {
        if (random.NextDouble() < 0.6)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(0, 700)), CancellationToken.None);
        }
        else
        {
            await boxes.WaitReceiverReadyAsync();
            var lifetime = TimeSpan.FromSeconds(0.2 + (random.NextDouble() * 1.8));
            await Task.Delay(lifetime / 2, CancellationToken.None);
            if (random.NextDouble() < 0.2)
            {
                await boxes.KillSenderAsync();
            }

            await Task.Delay(lifetime / 2, CancellationToken.None);
        }

        await boxes.KillReceiverAsync();
    }

    /// <summary>
    /// One life aimed at <paramref name="phase"/>: true when the kill provably landed in it, false when the box was killed
    /// but not provably there, null when the phase did not begin in time (no kill).
    /// </summary>
    private static async Task<bool?> KillInAsync(TrialPhase phase, Boxes boxes, TrialWebhook webhook, Random random)
    {
        TimeSpan Between(int minMs, int maxMs) => TimeSpan.FromMilliseconds(random.Next(minMs, maxMs + 1));
        bool receiver = phase <= TrialPhase.ReceiverDelivery;
        if (phase == TrialPhase.ReceiverStarting)
        {
            await Task.Delay(Between(0, 700), CancellationToken.None);
            bool starting = !boxes.Receiver.Ready.IsCompleted;
            await boxes.KillReceiverAsync();
            return starting;
        }

        await (receiver ? boxes.WaitReceiverReadyAsync() : boxes.WaitSenderReadyAsync());
        var box = receiver ? boxes.Receiver : boxes.Sender;
        Match? begun = null;
        string? heldFax = null;
        switch (phase)
        {
            case TrialPhase.ReceiverDelivery:
                heldFax = await webhook.HoldNextAsync(PhaseLimit);
                break;
            default:
                var (begins, delay) = phase switch
                {
                    TrialPhase.ReceiverCallSetUp => (Answering, Between(0, 1500)),
                    TrialPhase.ReceiverPageData => (InboundB, Between(0, 400)),
                    TrialPhase.ReceiverAfterPage => (InboundD, Between(0, 200)),
                    TrialPhase.ReceiverInboxWrite => (InboundRecord, Between(0, 8)),
                    TrialPhase.SenderCallSetUp => (Sending, Between(0, 1500)),
                    TrialPhase.SenderPageData => (OutboundB, Between(0, 400)),
                    TrialPhase.SenderAfterPage => (OutboundD, Between(0, 200)),
                    _ => (OutboundRecord, Between(0, 8)),
                };
                begun = await box.WaitForLineAsync(begins, PhaseLimit);
                if (begun is not null && delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, CancellationToken.None);
                }

                break;
        }

        if (begun is null && heldFax is null)
        {
            return null;
        }

        if (receiver)
        {
            await boxes.KillReceiverAsync();
        }
        else
        {
            await boxes.KillSenderAsync();
        }

        webhook.Release();
        if (phase == TrialPhase.ReceiverDelivery)
        {
            return true; // the post was held unanswered when B died
        }

        // What the dead life logged about that call: the phase's end must not be among it.
        string call = begun!.Groups["call"].Value;
        var lines = box.Lines;
        bool Logged(Regex pattern) => lines.Any(l => pattern.Match(l) is { Success: true } m && m.Groups["call"].Value == call);
        switch (phase)
        {
            case TrialPhase.ReceiverCallSetUp:
                return !Logged(InboundB) && !Logged(InboundRecord);
            case TrialPhase.ReceiverPageData:
                return !Logged(InboundD) && !Logged(InboundRecord);
            case TrialPhase.ReceiverAfterPage:
                return !Logged(InboundRecord);
            case TrialPhase.SenderCallSetUp:
                return !Logged(OutboundB) && !Logged(OutboundRecord);
            case TrialPhase.SenderPageData:
                return !Logged(OutboundD) && !Logged(OutboundRecord);
            case TrialPhase.SenderAfterPage:
                return !Logged(OutboundRecord);
            case TrialPhase.ReceiverInboxWrite:
            {
                // The inbox names the fax it answered the call into; the next life must recover that fax from incoming.
                var fax = lines.Select(l => Regex.Match(l, $@"Fax (?<id>\S+): answering call {Regex.Escape(call)} via")).FirstOrDefault(m => m.Success)?.Groups["id"].Value;
                await boxes.WaitReceiverReadyAsync();
                return fax is not null && boxes.Receiver.Lines.Any(l => l.Contains($"Fax {fax}: recovered after a restart", StringComparison.Ordinal));
            }

            default:
            {
                // SenderBookkeeping: the job on that call must come back from the next life as "on a call when the box stopped".
                var job = lines.Select(l => Sending.Match(l)).FirstOrDefault(m => m.Success && m.Groups["call"].Value == call)?.Groups["job"].Value;
                await boxes.WaitSenderReadyAsync();
                return job is not null && boxes.Sender.Lines.Any(l => l.Contains($"Fax job {job} was on a call when the box stopped", StringComparison.Ordinal));
            }
        }
    }

    /// <summary>Submits <see cref="Jobs"/> two-page jobs to A, one every 1.5–5 s; a submission A died under is not acknowledged.</summary>
    private static async Task SubmitAsync(Boxes boxes, string folder, Figures figures, int seed, CancellationToken cancellationToken)
    {
        var random = new Random(seed);
        for (int number = 1; figures.Acknowledged.Count < Jobs && number <= JobPage.MaxNumber && !cancellationToken.IsCancellationRequested; number++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(1500, 5000)), CancellationToken.None);
            string tiff = Path.Combine(folder, $"job-{number}.tif");
            JobPage.Write(tiff, number, pages: 2);
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

    /// <summary>Waits until every fax B stored has no pending delivery (its webhook post answered 2xx).</summary>
    private static async Task WaitDeliveredAsync(TrialBox b, TimeSpan limit, int seed)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var pending = StoredFaxes(b).Where(f => f.HasPendingDeliveries).Select(f => f.Id).ToList();
            if (pending.Count == 0)
            {
                return;
            }

            Assert.True(deadline.Elapsed < limit, $"seed {seed}: B's faxes {string.Join(", ", pending)} still wait for their webhook delivery");
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }

    private static List<ReceivedFax> StoredFaxes(TrialBox b) =>
        [.. Directory.GetDirectories(b.Inbox).Where(d => Path.GetFileName(d) is not ("incoming" or "tmp")).SelectMany(d => Directory.GetFiles(d, "*.json")).Select(InboxStore.Read)];

    private static void Check(TrialBox a, TrialBox b, TrialWebhook webhook, Figures figures, int seed)
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

        // B's deliveries: every stored fax was posted (signed) and answered; none is left pending.
        Assert.Equal(0, webhook.BadSignatures);
        Assert.Empty(faxes.Where(f => f.Fax.HasPendingDeliveries || !webhook.Posts.ContainsKey(f.Fax.Id)).Select(f => $"seed {seed}: fax {f.Fax.Id} was never delivered to the webhook"));
        figures.WebhookPosts = webhook.Posts.Values.Sum();
        figures.FaxesPostedTwice = webhook.Posts.Values.Count(n => n > 1);
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

    /// <summary>
    /// A block of 400 UDP ports below the ephemeral range (20000–29999) that is free now on 127.0.0.1 (every port bound
    /// once to check): the two boxes' media ranges, clear of other tests that run boxes at the same time.
    /// </summary>
    private static int FreeMediaBlock(Random random)
    {
        for (int attempt = 0; attempt < 50; attempt++)
        {
            int start = 20000 + (random.Next(0, 25) * 400);
            var probes = new List<Socket>();
            try
            {
                for (int port = start; port < start + 400; port++)
                {
                    var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                    probes.Add(socket);
                    socket.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, port));
                }

                return start;
            }
            catch (SocketException)
            {
                // Taken (another test's boxes): try another block.
            }
            finally
            {
                probes.ForEach(p => p.Dispose());
            }
        }

        throw new InvalidOperationException("no block of 400 free UDP ports in 20000–29999 on 127.0.0.1 after 50 tries");
    }

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
            b.NextLife();
            Receiver = BoxProcess.Start("B", b.Config, log);
        }

        public async Task KillSenderAsync()
        {
            await Sender.KillAsync();
            Sender.Dispose();
            a.NextLife();
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
        private readonly Dictionary<TrialPhase, (int Aimed, int Killed, int Hit)> _phases = Enum.GetValues<TrialPhase>().ToDictionary(p => p, _ => (0, 0, 0));

        public Dictionary<long, int> Acknowledged { get; } = [];

        public int UnacknowledgedSubmissions { get; set; }

        /// <summary>Kills made by the storm (B and A; a random life's kill of A not counted).</summary>
        public int Kills => _phases.Values.Sum(p => p.Killed) + RandomKills;

        /// <summary>Quick random lives (each one kill of B).</summary>
        public int RandomKills { get; set; }

        /// <summary>The extra kills of A after the storm.</summary>
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

        public int WebhookPosts { get; set; }

        public int FaxesPostedTwice { get; set; }

        public string FailureReasons { get; set; } = string.Empty;

        /// <summary>Each life: when, aimed at what, hit or miss.</summary>
        public StringBuilder Trace { get; } = new();

        /// <summary>Counts a life: <paramref name="hit"/> null when the phase never began (no kill).</summary>
        public void Count(TrialPhase phase, bool? hit)
        {
            var (aimed, killed, hits) = _phases[phase];
            _phases[phase] = (aimed + 1, killed + (hit is null ? 0 : 1), hits + (hit == true ? 1 : 0));
        }

        public int Hits(TrialPhase phase) => _phases[phase].Hit;

        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{Kills} kills ({RandomKills} random lives of B; aimed: B {_phases.Where(p => p.Key <= TrialPhase.ReceiverDelivery).Sum(p => p.Value.Killed)}, A {_phases.Where(p => p.Key > TrialPhase.ReceiverDelivery).Sum(p => p.Value.Killed)}) + {SenderKills} of A after the storm; " +
            $"per phase, kills provably in it / kills aimed at it / lives aimed at it: {string.Join(", ", _phases.Select(p => $"{p.Key} {p.Value.Hit}/{p.Value.Killed}/{p.Value.Aimed}"))}; " +
            $"{Acknowledged.Count} jobs acknowledged ({UnacknowledgedSubmissions} submissions not), {JobsInDatabase} in A's database: {Sent} sent, {Failed} failed; " +
            $"{Attempts} attempts ({Attempts - JobsInDatabase} retries, {Interrupted} interrupted by a kill of A, {FaxFailures} fax failures); " +
            $"B's inbox: {FaxesComplete} complete, {FaxesPartial} partial with pages, {FaxesEmpty} without a page; " +
            $"webhook: {WebhookPosts} posts, {FaxesPostedTwice} faxes posted more than once (at least once by design); failed jobs: {FailureReasons}");
    }
}
