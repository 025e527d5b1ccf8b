using System.Globalization;
using FaxBox.CallControl.Terminals;
using FaxBox.Core.Status;

namespace FaxBox.FaxServer.CrashWorker;

/// <summary>
/// A fax caller that takes a random time and ends with a random outcome, as a real far end would: pages are confirmed
/// (phase D progress) one by one during the call, then the session ends (DCN, BYE) 100–250 ms later — shorter than on a
/// real line, where DCN alone takes over a second at V.21 (1 s of flags, T.30 §5.3.1), so a harsher case. When it
/// returns Sent it first journals "sent JOB" (fsync'd): the facts the trial checks for duplicates.
/// </summary>
internal sealed class RandomFaxCaller(CrashJournal journal, int seed) : IFaxCaller
{
    private readonly Random _random = new(seed);
    private readonly Lock _lock = new();

    public async Task<FaxCallOutcome> SendAsync(FaxCallRequest request, IProgress<FaxProgress>? progress, CancellationToken cancellationToken)
    {
        int roll;
        int setup;
        int perPage;
        int tail;
        lock (_lock)
        {
            roll = _random.Next(100);
            setup = _random.Next(5, 40);
            perPage = _random.Next(5, 30);
            tail = _random.Next(100, 250);
        }

        long job = long.Parse(request.Tag.Split(' ')[1], CultureInfo.InvariantCulture); // "job 12 attempt 3"
        int pages = int.Parse(Path.GetFileNameWithoutExtension(request.TiffPath).Split('-')[1], CultureInfo.InvariantCulture); // "doc-3.tif"
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"call {request.Tag} {request.Transport} ecm={request.Ecm} {request.MaxBitRate}"));
        try
        {
            await Task.Delay(setup, cancellationToken).ConfigureAwait(false);
            if (roll < 12)
            {
                return Outcome(FaxCallOutcomeKind.Busy, "486 Busy Here", 0);
            }

            if (roll < 18)
            {
                return Outcome(FaxCallOutcomeKind.NoAnswer, "408 Request Timeout", 0);
            }

            if (roll < 22)
            {
                return Outcome(FaxCallOutcomeKind.NetworkError, "503 Service Unavailable", 0);
            }

            if (roll < 24)
            {
                return Outcome(FaxCallOutcomeKind.Rejected, "404 Not Found", 0);
            }

            int confirmed = roll < 40 ? pages - 1 : pages; // a fax failure drops before the last page's MCF
            for (int page = 1; page <= confirmed; page++)
            {
                await Task.Delay(perPage, cancellationToken).ConfigureAwait(false);
                progress?.Report(new FaxProgress(request.Tag, "terminal", "D", page, 14400, request.Ecm, DateTimeOffset.UtcNow));
            }

            if (confirmed < pages)
            {
                return Outcome(FaxCallOutcomeKind.FaxFailed, "T.30: no response to the post-page message", confirmed);
            }

            await Task.Delay(tail, cancellationToken).ConfigureAwait(false); // DCN, BYE
            journal.Write(string.Create(CultureInfo.InvariantCulture, $"sent {job} {request.Tag.Replace(' ', '_')}"));
            Console.WriteLine($"sent {request.Tag}");
            return Outcome(FaxCallOutcomeKind.Sent, "ok", pages);
        }
        catch (OperationCanceledException)
        {
            return Outcome(FaxCallOutcomeKind.Cancelled, "cancelled", 0);
        }
    }

    private static FaxCallOutcome Outcome(FaxCallOutcomeKind kind, string reason, int pages) => new(kind, reason, pages, null, null, null);
}
