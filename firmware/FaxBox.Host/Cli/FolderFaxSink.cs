using System.Collections.Concurrent;
using System.Globalization;
using FaxBox.CallControl.Terminals;

namespace FaxBox.Host.Cli;

/// <summary>
/// Where <c>faxbox fax answer</c> puts what it receives: <c>DIR/&lt;time&gt;-&lt;caller&gt;.tif</c>, written as a ".part"
/// file during the call and renamed when it ends (a failed fax keeps the pages it got). Takes every call until
/// <paramref name="count"/> faxes have come, then declines (404).
/// </summary>
internal sealed class FolderFaxSink(string folder, int count, string localIdent) : IInboundFaxSink
{
    private readonly ConcurrentQueue<(InboundFaxCall Call, InboundFaxOutcome Outcome, string? Path)> _done = new();
    private int _offered;

    /// <summary>Faxes that ended, with the file kept (null when nothing was received).</summary>
    public IReadOnlyCollection<(InboundFaxCall Call, InboundFaxOutcome Outcome, string? Path)> Done => _done;

    public InboundFaxAcceptance? Offer(InboundFaxCall call)
    {
        if (Interlocked.Increment(ref _offered) > count)
        {
            return null;
        }

        var caller = string.Concat((call.CallerNumber ?? "unknown").Select(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' ? c : '_'));
        var stem = $"{DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}-{caller}";
        var path = Path.Combine(folder, $"{stem}.tif");
        for (var i = 2; File.Exists(path) || File.Exists(path + ".part"); i++)
        {
            path = Path.Combine(folder, $"{stem}-{i}.tif");
        }

        return new InboundFaxAcceptance(path + ".part", localIdent);
    }

    public void Completed(InboundFaxCall call, InboundFaxOutcome outcome)
    {
        string? kept = null;
        if (File.Exists(outcome.ReceivePath))
        {
            if (outcome.Pages > 0)
            {
                kept = outcome.ReceivePath[..^".part".Length];
                File.Move(outcome.ReceivePath, kept);
            }
            else
            {
                File.Delete(outcome.ReceivePath);
            }
        }

        _done.Enqueue((call, outcome, kept));
    }
}
