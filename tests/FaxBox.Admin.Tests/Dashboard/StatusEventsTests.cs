using System.Net;
using System.Text.Json;
using FaxBox.Admin.Dashboard;
using FaxBox.Admin.Tests.Infrastructure;
using FaxBox.Core.Status;
using Microsoft.Extensions.DependencyInjection;

namespace FaxBox.Admin.Tests.Dashboard;

/// <summary>The dashboard's server-sent events: the model now, then changes (throttled, newest wins), and clients released when they go away.</summary>
public sealed class StatusEventsTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task The_stream_starts_with_the_model_now_and_follows_a_change()
    {
        await using var site = await AdminTestSite.StartAsync();
        site.Status.SetPort(new PortStatus("fxs0", PortKind.Fxs, PortState.Idle, "100", "trunk", null, DateTimeOffset.UnixEpoch));
        using var client = await site.CreateAuthenticatedClientAsync();
        using var cts = new CancellationTokenSource(Limit);
        using var response = await client.GetAsync(new Uri("/events", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cts.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token));

        var first = await NextEventAsync(reader, cts.Token);
        Assert.Equal("idle", first.GetProperty("ports")[0].GetProperty("state").GetString());

        site.Status.SetPort(new PortStatus("fxs0", PortKind.Fxs, PortState.Fax, "100", "trunk", "c1", DateTimeOffset.UnixEpoch));
        var second = await NextEventAsync(reader, cts.Token);
        Assert.Equal("fax", second.GetProperty("ports")[0].GetProperty("state").GetString());
        Assert.True(second.GetProperty("version").GetInt64() > first.GetProperty("version").GetInt64());
        Assert.Contains(second.GetProperty("health").EnumerateArray(), h => h.GetProperty("name").GetString() == "Line ports" && h.GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task The_box_stops_at_once_while_a_dashboard_is_open()
    {
        await using var box = await RunningBox.StartAsync();
        using var client = await box.CreateAuthenticatedClientAsync();
        using var cts = new CancellationTokenSource(Limit);
        using var response = await client.GetAsync(new Uri("/events", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cts.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token));
        await NextEventAsync(reader, cts.Token);

        var stopping = System.Diagnostics.Stopwatch.StartNew();
        await box.DisposeAsync(); // as SIGTERM: the stream is still open
        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(5), $"the box took {stopping.Elapsed.TotalSeconds:F1} s to stop");
        await reader.ReadToEndAsync(cts.Token); // the box ended the stream (or this throws when cts runs out)
    }

    [Fact]
    public void A_burst_of_changes_folds_into_the_newest_snapshot()
    {
        var board = new StatusBoard("b");
        using var hub = new StatusEventHub(board);
        using var subscription = hub.Subscribe(maxClients: 4)!;
        for (var i = 0; i < 500; i++)
        {
            board.SetQueue(new QueueStatus(i + 1, 0, null, 0));
        }

        Assert.True(subscription.Reader.TryRead(out var newest));
        Assert.Equal(500, newest.Queue.Depth);
        Assert.False(subscription.Reader.TryRead(out _)); // one slot per client: nothing piles up
    }

    [Fact]
    public async Task Clients_that_go_away_are_released_and_too_many_are_refused()
    {
        await using var site = await AdminTestSite.StartAsync();
        var hub = site.Site.Services.GetRequiredService<StatusEventHub>();
        site.Site.Services.GetRequiredService<DashboardOptions>().MaxClients = 2;
        using var client = await site.CreateAuthenticatedClientAsync();
        using var cts = new CancellationTokenSource(Limit);
        var open = new List<HttpResponseMessage>();
        for (var i = 0; i < 2; i++)
        {
            open.Add(await client.GetAsync(new Uri("/events", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cts.Token));
            Assert.Equal(HttpStatusCode.OK, open[^1].StatusCode);
        }

        Assert.Equal(2, hub.ClientCount);
        using (var refused = await client.GetAsync(new Uri("/events", UriKind.Relative), cts.Token))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Contains("at most 2", await refused.Content.ReadAsStringAsync(cts.Token), StringComparison.Ordinal);
        }

        foreach (var response in open)
        {
            response.Dispose(); // the browser tab closes
        }

        // Kestrel notices the closed connections; each stream's loop ends and frees its slot (bounded wait).
        for (var i = 0; i < 300 && hub.ClientCount > 0; i++)
        {
            site.Status.SetQueue(new QueueStatus(i + 1, 0, null, 0));
            await Task.Delay(50, cts.Token);
        }

        Assert.Equal(0, hub.ClientCount);
    }

    [Fact]
    public async Task The_dashboard_works_as_a_plain_page_without_script()
    {
        await using var site = await AdminTestSite.StartAsync();
        site.Status.SetState(BoxState.Running);
        site.Status.SetPort(new PortStatus("fxs0", PortKind.Fxs, PortState.Idle, "100", "trunk", null, DateTimeOffset.UnixEpoch));
        site.Status.SetRegistration(new RegistrationStatus("trunk", "sip:100@pbx.example", "failed", null, 403, "403 Forbidden"));
        site.Status.SetCall(new CallStatus("c1", "fxs0", "outbound", "100", "0301234", CallMediaMode.T38, DateTimeOffset.UnixEpoch));
        site.Status.ReportFaxProgress(new FaxProgress("c1", "fxs0", "D", 2, 9_600, false, DateTimeOffset.UnixEpoch));
        using var client = await site.CreateAuthenticatedClientAsync();
        var html = await client.GetStringAsync(new Uri("/", UriKind.Relative));
        Assert.Contains("<td>fxs0</td><td>FXS</td><td>idle</td>", html, StringComparison.Ordinal);
        Assert.Contains("page 2 done, 9600 bit/s", html, StringComparison.Ordinal);
        Assert.Contains("trunk: failed (403 Forbidden)", html, StringComparison.Ordinal);
        Assert.Contains("<td>T.38</td>", html, StringComparison.Ordinal);
    }

    private static async Task<JsonElement> NextEventAsync(StreamReader reader, CancellationToken ct)
    {
        string? name = null;
        for (var lines = 0; lines < 1000; lines++)
        {
            var line = await reader.ReadLineAsync(ct) ?? throw new EndOfStreamException("the event stream ended");
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && name == "status")
            {
                return JsonDocument.Parse(line[6..]).RootElement.Clone();
            }
        }

        throw new InvalidDataException("no status event in 1000 lines");
    }
}
