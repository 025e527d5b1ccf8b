using FaxBox.CallControl.Terminals;
using FaxBox.Core.Status;
using FaxBox.Fax.Documents;
using FaxBox.FaxServer;
using FaxBox.FaxServer.Inbox;
using Microsoft.Extensions.Logging.Abstractions;

namespace FaxBox.Admin.Tests.Infrastructure;

/// <summary>
/// An <see cref="AdminTestSite"/> with a real <see cref="FaxServerService"/> (its own SQLite queue and inbox in a temp
/// folder) whose outgoing calls a <see cref="ScriptedFaxCaller"/> plays; both share one status board.
/// </summary>
public sealed class FaxTestSite : IAsyncDisposable
{
    private readonly TempFolder _serverData;

    private FaxTestSite(AdminTestSite site, FaxServerService server, ScriptedFaxCaller caller, StatusBoard board, TempFolder serverData)
    {
        Site = site;
        Server = server;
        Caller = caller;
        Board = board;
        _serverData = serverData;
    }

    public AdminTestSite Site { get; }

    public FaxServerService Server { get; }

    public ScriptedFaxCaller Caller { get; }

    /// <summary>The status model the site shows and the fax server publishes to.</summary>
    public StatusBoard Board { get; }

    public Uri BaseAddress => Site.BaseAddress;

    public static async Task<FaxTestSite> StartAsync(Action<AdminOptions>? options = null)
    {
        var serverData = TestPaths.NewTempFolder();
        var board = new StatusBoard("testbox");
        board.SetState(BoxState.Running);
        var caller = new ScriptedFaxCaller(board);
        var faxOptions = new FaxServerOptions();
        faxOptions.Inbox.LocalIdent = "FAXBOX";
        faxOptions.Inbox.MinFreeBytes = 0;
        var server = await FaxServerService.StartAsync(faxOptions, serverData.Path, caller, board, [], TimeProvider.System, NullLoggerFactory.Instance, CancellationToken.None);
        try
        {
            var site = await AdminTestSite.StartAsync(c => new AdminContext { Status = board, DataFolder = c.DataFolder, FaxServer = server, Time = c.Time }, options);
            return new FaxTestSite(site, server, caller, board, serverData);
        }
        catch
        {
            await server.DisposeAsync();
            serverData.Dispose();
            throw;
        }
    }

    /// <summary>Receives a fax of <paramref name="pages"/> test pages from <paramref name="caller"/> and waits (bounded) until the inbox holds it.</summary>
    public async Task<ReceivedFax> ReceiveAsync(int pages, string caller = "4940999", FaxRecord? record = null)
    {
        var call = new InboundFaxCall("in-" + Guid.NewGuid().ToString("N")[..8], "4930123", caller, "Sender GmbH", "trunk");
        var acceptance = Server.Offer(call) ?? throw new InvalidOperationException("the fax server refused the call");
        TestPageGenerator.Write(acceptance.ReceivePath, new TestPageOptions { Pages = pages, StationIdent = "+49 40 999" });
        record ??= new FaxRecord("rec-" + call.CallId, call.CallId, "terminal", "inbound", "4930123", caller, DateTimeOffset.UtcNow.AddSeconds(-40), DateTimeOffset.UtcNow,
            CallMediaMode.T38, "box re-INVITE on CED", null, pages, 9_600, false, true, "ok", new FaxNetworkStatistics(400, 420, 2, 2, 0))
        {
            T30Frames = [.. Ladders.Sent(pages).Select(f => f with { From = f.From == T30FrameOrigin.Local ? T30FrameOrigin.Remote : T30FrameOrigin.Local })],
        };
        Server.Completed(call, new InboundFaxOutcome(acceptance.ReceivePath, true, pages, "ok", "+49 40 999", null, record));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (Server.Inbox.List().FirstOrDefault(f => f.CallId == call.CallId && f.Folder != "incoming") is { } fax)
            {
                return fax;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("the received fax did not reach the inbox");
    }

    public async ValueTask DisposeAsync()
    {
        await Site.DisposeAsync();
        await Server.DisposeAsync();
        _serverData.Dispose();
    }
}
