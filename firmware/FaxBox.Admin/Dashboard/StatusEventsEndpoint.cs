using System.Text;
using System.Text.Json;
using FaxBox.Admin.Api;
using Microsoft.AspNetCore.Http;

namespace FaxBox.Admin.Dashboard;

/// <summary>
/// <c>GET /events</c>: the dashboard's live updates as server-sent events (HTML Living Standard §9.2): an event
/// <c>status</c> with the <see cref="DashboardEvent"/> now, then one whenever the model changed, at most one per
/// <see cref="DashboardOptions.EventInterval"/> (changes in between fold into the newest), and a comment line every
/// <see cref="DashboardOptions.KeepAlive"/> of quiet. The stream ends when the client goes away, releasing its slot, and
/// when the site stops: a stream still open would hold the server's graceful stop for its whole timeout (30 s), and so
/// the box's stop or restart with a dashboard open somewhere; the page's script reconnects when the box is back.
/// </summary>
internal static class StatusEventsEndpoint
{
    public const string Path = "/events";

    public static async Task HandleAsync(HttpContext http, StatusEventHub hub, DashboardOptions options, AdminContext context, CancellationToken stopping)
    {
        using var subscription = hub.Subscribe(options.MaxClients);
        if (subscription is null)
        {
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            http.Response.Headers.RetryAfter = "10";
            await http.Response.WriteAsync($"too many live views open (at most {options.MaxClients}); the page still works when reloaded", http.RequestAborted).ConfigureAwait(false);
            return;
        }

        var response = http.Response;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache, no-store";
        response.Headers["X-Accel-Buffering"] = "no";
        using var ends = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping);
        var ct = ends.Token;
        try
        {
            await response.WriteAsync("retry: 3000\n\n", ct).ConfigureAwait(false);
            await WriteEventAsync(response, hub, hub.Current, options, context.Time, ct).ConfigureAwait(false);
            while (!ct.IsCancellationRequested)
            {
                using (var quiet = new CancellationTokenSource(options.KeepAlive, context.Time))
                using (var wait = CancellationTokenSource.CreateLinkedTokenSource(ct, quiet.Token))
                {
                    try
                    {
                        if (!await subscription.Reader.WaitToReadAsync(wait.Token).ConfigureAwait(false))
                        {
                            return;
                        }
                    }
                    catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                    {
                        await response.WriteAsync(": keep-alive\n\n", ct).ConfigureAwait(false);
                        await response.Body.FlushAsync(ct).ConfigureAwait(false);
                        continue;
                    }
                }

                if (subscription.Reader.TryRead(out var snapshot))
                {
                    await WriteEventAsync(response, hub, snapshot, options, context.Time, ct).ConfigureAwait(false);
                }

                // The throttle: whatever changes meanwhile waits in the client's one slot, newest wins.
                await Task.Delay(options.EventInterval, context.Time, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client went away, or the site is stopping (the response then ends normally).
        }
        catch (IOException)
        {
            // The connection broke while writing.
        }
    }

    private static async Task WriteEventAsync(HttpResponse response, StatusEventHub hub, Core.Status.StatusSnapshot snapshot, DashboardOptions options, TimeProvider time, CancellationToken ct)
    {
        var view = DashboardEvent.From(snapshot, hub.Progress, options.LastFaxes, time.GetUtcNow());
        var text = new StringBuilder()
            .Append("id: ").Append(snapshot.Version).Append('\n')
            .Append("event: status\n")
            .Append("data: ").Append(JsonSerializer.Serialize(view, ApiJson.Options)).Append("\n\n")
            .ToString();
        await response.WriteAsync(text, ct).ConfigureAwait(false);
        await response.Body.FlushAsync(ct).ConfigureAwait(false);
    }
}
