using FaxBox.Admin.Tests.Infrastructure;
using FaxBox.CallControl.Terminals;
using FaxBox.Core.Status;
using FaxBox.FaxServer;
using Microsoft.Extensions.Logging.Abstractions;

namespace FaxBox.Admin.Tests.Security;

/// <summary>An admin site with a real (idle) fax server, so that every <c>/api/v1</c> endpoint the box has is mapped.</summary>
internal sealed class FaxServerSite : IAsyncDisposable
{
    private readonly TempFolder _data;
    private readonly FaxServerService _server;

    private FaxServerSite(TempFolder data, FaxServerService server, AdminTestSite site)
    {
        _data = data;
        _server = server;
        Site = site;
    }

    public AdminTestSite Site { get; }

    public static async Task<FaxServerSite> StartAsync()
    {
        var data = TestPaths.NewTempFolder();
        var options = new FaxServerOptions();
        options.Inbox.MinFreeBytes = 0;
        var server = await FaxServerService.StartAsync(options, data.Path, new NoCalls(), new StatusBoard("testbox"), [], TimeProvider.System, NullLoggerFactory.Instance, CancellationToken.None);
        var site = await AdminTestSite.StartAsync(c => new AdminContext { Status = c.Status, DataFolder = c.DataFolder, FaxServer = server });
        return new FaxServerSite(data, server, site);
    }

    public async ValueTask DisposeAsync()
    {
        await Site.DisposeAsync();
        await _server.DisposeAsync();
        _data.Dispose();
    }

    /// <summary>No job is submitted in these tests; a call would wait until cancelled.</summary>
    private sealed class NoCalls : IFaxCaller
    {
        public async Task<FaxCallOutcome> SendAsync(FaxCallRequest request, IProgress<FaxProgress>? progress, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new OperationCanceledException(cancellationToken);
        }
    }
}
