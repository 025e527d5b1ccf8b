using System.Threading.Channels;
using FaxBox.CallControl.Terminals;
using FaxBox.Fax.Documents;
using FaxBox.FaxServer.Delivery;
using FaxBox.FaxServer.Inbox;
using FaxBox.FaxServer.Routing;

namespace FaxBox.FaxServer.Tests.Inbox;

/// <summary>An inbox on a data folder, with its change events in a channel, and helpers that play the gateway's part.</summary>
internal sealed class InboxHarness : IAsyncDisposable
{
    private readonly Channel<InboxChangedEventArgs> _changes = Channel.CreateUnbounded<InboxChangedEventArgs>();

    public InboxHarness(
        string dataDirectory,
        InboundRoutingOptions? routing = null,
        IReadOnlyList<IFaxDeliveryTransport>? transports = null,
        Func<string, long>? freeSpace = null,
        InboxOptions? options = null,
        TimeProvider? time = null,
        DeliveryRetryOptions? retry = null)
    {
        Options = options ?? new InboxOptions();
        Options.DataDirectory = dataDirectory;
        Options.LocalIdent = "+49 30 5555";
        Logger = new ListLogger();
        Inbox = new FaxBox.FaxServer.Inbox.Inbox(
            Options,
            InboundRouter.Create(routing ?? new InboundRoutingOptions()),
            transports ?? [],
            retry ?? new DeliveryRetryOptions { FirstDelay = TimeSpan.FromMilliseconds(50), MaxDelay = TimeSpan.FromMilliseconds(200) },
            time ?? TimeProvider.System,
            Logger,
            freeSpace);
        Inbox.Changed += (_, e) => _changes.Writer.TryWrite(e);
    }

    public FaxBox.FaxServer.Inbox.Inbox Inbox { get; }

    public InboxOptions Options { get; }

    public ListLogger Logger { get; }

    public static InboundFaxCall Call(string called = "4930123", string? caller = "4940999", string callId = "call-1") =>
        new(callId, called, caller, "Sender GmbH", "trunk");

    /// <summary>Offers a call, writes <paramref name="pages"/> test pages into the .part (then cuts it to <paramref name="keepBytes"/>), completes it.</summary>
    public static string Receive(FaxBox.FaxServer.Inbox.Inbox inbox, InboundFaxCall call, int pages, string? subAddress = null, bool success = true, Func<long, long>? keepBytes = null)
    {
        InboundFaxAcceptance acceptance = inbox.Offer(call) ?? throw new InvalidOperationException("the inbox refused the call");
        WritePages(acceptance.ReceivePath, pages, keepBytes);
        inbox.Completed(call, new InboundFaxOutcome(acceptance.ReceivePath, success, pages, success ? "ok" : "call dropped", "+49 40 999", subAddress, null));
        return IdOf(acceptance.ReceivePath);
    }

    public static string IdOf(string partPath) => Path.GetFileName(partPath)[..^".tif.part".Length];

    /// <summary>Writes a received-looking TIFF (TestPageGenerator pages, T.4 2-D, fine) to <paramref name="path"/>.</summary>
    public static void WritePages(string path, int pages, Func<long, long>? keepBytes = null)
    {
        TestPageGenerator.Write(path, new TestPageOptions { Pages = pages, StationIdent = "+49 40 999" });
        if (keepBytes is not null)
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
            stream.SetLength(keepBytes(stream.Length));
        }
    }

    public async Task<InboxChangedEventArgs> NextAsync(InboxChangeKind kind, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            InboxChangedEventArgs e = await _changes.Reader.ReadAsync(cts.Token);
            if (e.Kind == kind)
            {
                return e;
            }
        }
    }

    /// <summary>Waits until <paramref name="predicate"/> holds for the fax after a delivery attempt (bounded by time).</summary>
    public async Task<ReceivedFax> DeliveryUntilAsync(Func<ReceivedFax, bool> predicate, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        ReceivedFax? last = null;
        try
        {
            while (true)
            {
                InboxChangedEventArgs e = await _changes.Reader.ReadAsync(cts.Token);
                if (e.Kind == InboxChangeKind.DeliveryAttempted)
                {
                    last = e.Fax;
                    if (predicate(e.Fax))
                    {
                        return e.Fax;
                    }
                }
            }
        }
        catch (OperationCanceledException ex)
        {
            string deliveries = last is null ? "no attempt" : string.Join("; ", last.Deliveries);
            throw new TimeoutException($"the deliveries never got there: {deliveries}\n{string.Join("\n", Logger.Lines.Select(l => l.Text))}", ex);
        }
    }

    public ValueTask DisposeAsync() => Inbox.DisposeAsync();
}
