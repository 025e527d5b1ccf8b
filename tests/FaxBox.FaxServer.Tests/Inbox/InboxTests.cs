using FaxBox.Core.Status;
using FaxBox.Fax.Documents;
using FaxBox.FaxServer.Inbox;
using FaxBox.FaxServer.Routing;
using Microsoft.Extensions.Logging;

namespace FaxBox.FaxServer.Tests.Inbox;

public sealed class InboxTests
{
    private static readonly InboundRoutingOptions Routing = new()
    {
        Rules =
        [
            new() { CalledNumber = "4930123", SubAddress = "7", Folder = "legal" },
            new() { CalledNumber = "4930123", Folder = "sales" },
            new() { CallerNumber = "4940x.", Folder = "hamburg" },
        ],
    };

    [Fact]
    public async Task AReceivedFaxIsStoredInItsRoutedFolderWithItsSidecar()
    {
        using var dir = new TempFolder();
        await using var h = new InboxHarness(dir.Path, Routing);
        await h.Inbox.StartAsync(CancellationToken.None);
        var call = InboxHarness.Call();
        var acceptance = h.Inbox.Offer(call)!;
        Assert.Equal("+49 30 5555", acceptance.LocalIdent);
        Assert.Equal(Path.Combine(h.Inbox.Root, "incoming"), Path.GetDirectoryName(acceptance.ReceivePath));
        Assert.EndsWith(".tif.part", acceptance.ReceivePath, StringComparison.Ordinal);
        InboxHarness.WritePages(acceptance.ReceivePath, 2);
        string original = dir.File("original.tif");
        File.Copy(acceptance.ReceivePath, original);
        h.Inbox.Completed(call, new(acceptance.ReceivePath, true, 2, "ok", "+49 40 999", null, null));

        ReceivedFax fax = (await h.NextAsync(InboxChangeKind.Stored)).Fax;
        Assert.Equal(("sales", 1, 2, true, "ok"), (fax.Folder, fax.RuleIndex ?? -1, fax.Pages, fax.Success, fax.Result));
        Assert.Equal(("4930123", "4940999", "Sender GmbH", "+49 40 999", "call-1"), (fax.CalledNumber, fax.CallerNumber, fax.CallerName, fax.RemoteIdent, fax.CallId));
        Assert.NotNull(fax.Ended);
        string tiff = h.Inbox.GetDocumentPath(fax.Id)!;
        Assert.Equal(Path.Combine(h.Inbox.Root, "sales", fax.Id + ".tif"), tiff);
        Assert.True(FaxDocumentComparer.Compare(original, tiff).Identical);
        Assert.Equal(fax with { Deliveries = [] }, h.Inbox.Get(fax.Id)! with { Deliveries = [] });
        Assert.Equal(fax with { Deliveries = [] }, ReadSidecar(Path.Combine(h.Inbox.Root, "sales", fax.Id + ".json")) with { Deliveries = [] });
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(h.Inbox.Root, "incoming")));
    }

    [Theory]
    [InlineData("4930123", "7", "4911", "legal")]
    [InlineData("4930123", "8", "4911", "sales")]
    [InlineData("4989000", null, "494012", "hamburg")]
    [InlineData("4989000", null, "4911", "default")]
    public async Task FaxesAreRoutedByNumberSubAddressAndCaller(string called, string? sub, string caller, string folder)
    {
        using var dir = new TempFolder();
        await using var h = new InboxHarness(dir.Path, Routing);
        await h.Inbox.StartAsync(CancellationToken.None);
        InboxHarness.Receive(h.Inbox, InboxHarness.Call(called, caller), 1, sub);
        ReceivedFax fax = (await h.NextAsync(InboxChangeKind.Stored)).Fax;
        Assert.Equal(folder, fax.Folder);
        Assert.Equal(sub, fax.SubAddress);
        Assert.True(File.Exists(Path.Combine(h.Inbox.Root, folder, fax.Id + ".tif")));
    }

    [Fact]
    public async Task ADroppedCallKeepsTheCompletePagesAndDropsTheTruncatedOne()
    {
        using var dir = new TempFolder();
        string full = dir.File("full.tif");
        InboxHarness.WritePages(full, 3);
        long length = new FileInfo(full).Length;
        await using var h = new InboxHarness(dir.Path);
        await h.Inbox.StartAsync(CancellationToken.None);

        // The call dropped while page 3 was arriving: its data are cut short and its directory was never written.
        string id = InboxHarness.Receive(h.Inbox, InboxHarness.Call(), 3, success: false, keepBytes: n => n - (n / 6));
        ReceivedFax fax = (await h.NextAsync(InboxChangeKind.Stored)).Fax;
        Assert.Equal(id, fax.Id);
        Assert.Equal(2, fax.Pages);
        Assert.False(fax.Success);
        Assert.Contains("incomplete last page was dropped", fax.Result, StringComparison.Ordinal);
        var kept = FaxDocument.Load(h.Inbox.GetDocumentPath(id)!);
        var sent = FaxDocument.Load(full);
        Assert.Equal(2, kept.Pages.Count);
        Assert.True(FaxDocumentComparer.Compare(new FaxDocument(sent.Pages.Take(2)), kept).Identical);
        Assert.True(length > 0);
    }

    [Fact]
    public async Task ACallThatDroppedBeforeAnyPageLeavesARecordWithoutADocument()
    {
        using var dir = new TempFolder();
        await using var h = new InboxHarness(dir.Path);
        await h.Inbox.StartAsync(CancellationToken.None);
        var call = InboxHarness.Call();
        var acceptance = h.Inbox.Offer(call)!;
        h.Inbox.Completed(call, new(acceptance.ReceivePath, false, 0, "no response to DIS", null, null, null));
        ReceivedFax fax = (await h.NextAsync(InboxChangeKind.Stored)).Fax;
        Assert.Equal((0, false, "no response to DIS"), (fax.Pages, fax.Success, fax.Result));
        Assert.Null(h.Inbox.GetDocumentPath(fax.Id));
        Assert.Empty(fax.Deliveries);
    }

    [Fact]
    public async Task AnOfferIsRefusedWhenTheDiskIsNearlyFullAndTheLogSaysSo()
    {
        using var dir = new TempFolder();
        await using var h = new InboxHarness(dir.Path, freeSpace: _ => 10L * 1024 * 1024);
        await h.Inbox.StartAsync(CancellationToken.None);
        Assert.Null(h.Inbox.Offer(InboxHarness.Call(callId: "call-full")));
        var line = Assert.Single(h.Logger.Lines, l => l.Id.Id == 9304);
        Assert.Equal(LogLevel.Error, line.Level);
        Assert.Contains("call-full", line.Text, StringComparison.Ordinal);
        Assert.Contains("disk is nearly full", line.Text, StringComparison.Ordinal);
        Assert.Contains("10 MiB free, at least 64 MiB", line.Text, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(h.Inbox.Root, "incoming")));
    }

    [Fact]
    public async Task AnOfferBeforeStartIsRefused()
    {
        using var dir = new TempFolder();
        await using var h = new InboxHarness(dir.Path);
        Assert.Null(h.Inbox.Offer(InboxHarness.Call()));
    }

    [Fact]
    public async Task ACompletionTheInboxDidNotHandOutIsIgnoredWithAnError()
    {
        using var dir = new TempFolder();
        await using var h = new InboxHarness(dir.Path);
        await h.Inbox.StartAsync(CancellationToken.None);
        string stray = dir.File("../../etc/passwd.tif.part");
        h.Inbox.Completed(InboxHarness.Call(), new(stray, true, 1, "ok", null, null, null));
        Assert.Contains(h.Logger.Lines, l => l.Id.Id == 9306 && l.Text.Contains("did not hand out", StringComparison.Ordinal));
        Assert.Empty(h.Inbox.List());
    }

    [Fact]
    public async Task APartLeftByACallThatNeverEndedIsRecoveredOnStartAsAPartialFax()
    {
        using var dir = new TempFolder();
        string id;
        await using (var first = new InboxHarness(dir.Path, Routing))
        {
            await first.Inbox.StartAsync(CancellationToken.None);
            var call = InboxHarness.Call("4930123");
            var acceptance = first.Inbox.Offer(call)!;
            id = InboxHarness.IdOf(acceptance.ReceivePath);

            // The box loses power on page 3 of 3: Completed never comes.
            InboxHarness.WritePages(acceptance.ReceivePath, 3, n => n - 100);
        }

        await using var second = new InboxHarness(dir.Path, Routing);
        await second.Inbox.StartAsync(CancellationToken.None);
        ReceivedFax fax = second.Inbox.Get(id)!;
        Assert.Equal(("sales", 2, false), (fax.Folder, fax.Pages, fax.Success));
        Assert.Contains("recovered after restart", fax.Result, StringComparison.Ordinal);
        Assert.Equal(("4930123", "4940999"), (fax.CalledNumber, fax.CallerNumber)); // from the sidecar written at the offer
        Assert.Equal(2, FaxDocument.Load(second.Inbox.GetDocumentPath(id)!).Pages.Count);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(second.Inbox.Root, "incoming")));
    }

    [Theory]
    [InlineData("received")]
    [InlineData("sidecar-written")]
    [InlineData("tiff-moved")]
    public async Task APowerLossAtAnyCommitStepLosesNothing(string step)
    {
        using var dir = new TempFolder();
        string original = dir.File("original.tif");
        InboxHarness.WritePages(original, 3);
        string id;
        await using (var first = new InboxHarness(dir.Path, Routing))
        {
            first.Inbox.CrashPoint = s =>
            {
                if (s == step)
                {
                    throw new SimulatedCrashException(s);
                }
            };
            await first.Inbox.StartAsync(CancellationToken.None);
            var call = InboxHarness.Call("4930123");
            var acceptance = first.Inbox.Offer(call)!;
            id = InboxHarness.IdOf(acceptance.ReceivePath);
            File.Copy(original, acceptance.ReceivePath);
            first.Inbox.Completed(call, new(acceptance.ReceivePath, true, 3, "ok", "+49 40 999", null, null));
        }

        Assert.Null(new InboxHarness(dir.Path, Routing).Inbox.Get(id)); // not committed yet (no index before start)
        await using var second = new InboxHarness(dir.Path, Routing);
        await second.Inbox.StartAsync(CancellationToken.None);
        ReceivedFax fax = Assert.Single(second.Inbox.List());
        Assert.Equal((id, "sales", 3), (fax.Id, fax.Folder, fax.Pages));
        Assert.True(FaxDocumentComparer.Compare(original, second.Inbox.GetDocumentPath(id)!).Identical);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(second.Inbox.Root, "incoming")));
        Assert.Empty(Directory.EnumerateFiles(second.Inbox.Root, "*.tmp", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task SecureDeleteOverwritesTheDocumentBeforeUnlinkingIt(bool secure)
    {
        using var dir = new TempFolder();
        await using var h = new InboxHarness(dir.Path);
        await h.Inbox.StartAsync(CancellationToken.None);
        string id = InboxHarness.Receive(h.Inbox, InboxHarness.Call(), 1);
        await h.NextAsync(InboxChangeKind.Stored);
        string tiff = h.Inbox.GetDocumentPath(id)!;
        byte[] content = File.ReadAllBytes(tiff);

        // A second name for the same inode shows what is left in the file's blocks after the inbox unlinks its name.
        string link = dir.File("link.tif");
        Assert.Equal(0, Link(tiff, link));

        Assert.True(h.Inbox.Delete(id, secure));
        Assert.False(File.Exists(tiff));
        Assert.Null(h.Inbox.Get(id));
        Assert.False(h.Inbox.Delete(id, secure));
        byte[] left = File.ReadAllBytes(link);
        Assert.Equal(content.Length, left.Length);
        Assert.Equal(!secure, content.AsSpan().SequenceEqual(left));
        Assert.Equal(InboxChangeKind.Deleted, (await h.NextAsync(InboxChangeKind.Deleted)).Kind);
    }

    [Fact]
    public async Task RetentionDeletesFaxesOlderThanTheirFolderAllows()
    {
        using var dir = new TempFolder();
        var time = new ManualTimeProvider();
        var options = new InboxOptions { MaxAge = { ["sales"] = TimeSpan.FromDays(1) }, DefaultMaxAge = TimeSpan.FromDays(30) };
        await using var h = new InboxHarness(dir.Path, Routing, options: options, time: time);
        await h.Inbox.StartAsync(CancellationToken.None);
        string sales = InboxHarness.Receive(h.Inbox, InboxHarness.Call("4930123"), 1);
        await h.NextAsync(InboxChangeKind.Stored);
        string other = InboxHarness.Receive(h.Inbox, InboxHarness.Call("4989000", "4911"), 1);
        await h.NextAsync(InboxChangeKind.Stored);

        await h.Inbox.RunRetentionAsync();
        Assert.Equal(2, h.Inbox.List().Count);
        time.Advance(TimeSpan.FromDays(2));
        await h.Inbox.RunRetentionAsync();
        Assert.Null(h.Inbox.Get(sales));
        Assert.NotNull(h.Inbox.Get(other));
        time.Advance(TimeSpan.FromDays(29));
        await h.Inbox.RunRetentionAsync();
        Assert.Empty(h.Inbox.List());
    }

    [Fact]
    public async Task NoLogLineCarriesDocumentContent()
    {
        using var dir = new TempFolder();
        await using var h = new InboxHarness(dir.Path, Routing);
        await h.Inbox.StartAsync(CancellationToken.None);
        string id = InboxHarness.Receive(h.Inbox, InboxHarness.Call(), 2, success: false, keepBytes: n => n - 10);
        await h.NextAsync(InboxChangeKind.Stored);
        h.Inbox.Delete(id, secure: true);
        Assert.NotEmpty(h.Logger.Lines);
        Assert.All(h.Logger.Lines, l => Assert.True(l.Text.Length < 300 && !l.Text.Contains("II*", StringComparison.Ordinal), l.Text));
    }

    [Fact]
    public async Task AReceivedFaxKeepsItsRecordWithTheT30LadderInItsSidecar()
    {
        using var dir = new TempFolder();
        await using var h = new InboxHarness(dir.Path, Routing);
        await h.Inbox.StartAsync(CancellationToken.None);
        var call = InboxHarness.Call();
        var acceptance = h.Inbox.Offer(call)!;
        InboxHarness.WritePages(acceptance.ReceivePath, 1);
        var frames = System.Collections.Immutable.ImmutableArray.Create(
            new T30FrameEntry(TimeSpan.FromSeconds(2.5), T30FrameOrigin.Local, "DIS", "FF138000EEF8"),
            new T30FrameEntry(TimeSpan.FromSeconds(3.1), T30FrameOrigin.Remote, "DCS", "FF13830046"),
            new T30FrameEntry(TimeSpan.FromSeconds(9), T30FrameOrigin.Remote, "0x06", null, 120),
            new T30FrameEntry(TimeSpan.FromSeconds(40), T30FrameOrigin.Remote, "DCN", "FF13FB"));
        var record = new FaxRecord("r7", "call-1", "terminal", "inbound", "4930123", "4940999", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddSeconds(41),
            CallMediaMode.T38, "peer re-INVITE to T.38", null, 1, 14400, true, true, "ok", new FaxNetworkStatistics(100, 99, 1, 1, 0))
        { T30Frames = frames, T30FramesOmitted = 3 };
        h.Inbox.Completed(call, new(acceptance.ReceivePath, true, 1, "ok", "+49 40 999", null, record));

        ReceivedFax fax = (await h.NextAsync(InboxChangeKind.Stored)).Fax;
        var stored = ReadSidecar(Path.Combine(h.Inbox.Root, fax.Folder, fax.Id + ".json")).Record!;
        Assert.Equal(frames, stored.T30Frames.AsEnumerable());
        Assert.Equal(3, stored.T30FramesOmitted);
        Assert.Equal(record, stored with { T30Frames = frames });
    }

    private static ReceivedFax ReadSidecar(string path) => InboxStore.Read(path);

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "link", SetLastError = true)]
    private static extern int Link([System.Runtime.InteropServices.MarshalAs(System.Runtime.InteropServices.UnmanagedType.LPUTF8Str)] string existing, [System.Runtime.InteropServices.MarshalAs(System.Runtime.InteropServices.UnmanagedType.LPUTF8Str)] string link);
}
