using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using FaxBox.FaxServer.Delivery;

namespace FaxBox.Host.Tests.CrashTrials;

/// <summary>
/// The webhook box B posts its received faxes to (an HttpListener on 127.0.0.1): counts the posts per fax id (each one's
/// signature checked) and answers 204 — or, when armed by <see cref="HoldNextAsync"/>, holds one post unanswered so the
/// trial can kill B while that delivery is in flight.
/// </summary>
internal sealed class TrialWebhook : IDisposable
{
    private readonly HttpListener _listener;
    private readonly Task _serving;
    private TaskCompletionSource<string>? _hold;
    private int _badSignatures;
    private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private TrialWebhook(HttpListener listener, string url)
    {
        _listener = listener;
        Url = url;
        _serving = Task.Run(ServeAsync);
    }

    public string Url { get; }

    /// <summary>Posts per fax id.</summary>
    public ConcurrentDictionary<string, int> Posts { get; } = new(StringComparer.Ordinal);

    /// <summary>Posts whose signature did not verify.</summary>
    public int BadSignatures => Volatile.Read(ref _badSignatures);

    public static TrialWebhook Start()
    {
        for (int attempt = 0; ; attempt++)
        {
            int port;
            using (var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0))
            {
                probe.Start();
                port = ((IPEndPoint)probe.LocalEndpoint).Port;
            }

            var listener = new HttpListener();
            string prefix = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/fax/";
            listener.Prefixes.Add(prefix);
            try
            {
                listener.Start();
                return new TrialWebhook(listener, prefix + "received");
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }
    }

    /// <summary>
    /// Holds the next post unanswered: returns its fax id once it arrived (null when none came within
    /// <paramref name="limit"/>); the post is answered after <see cref="Release"/>.
    /// </summary>
    public async Task<string?> HoldNextAsync(TimeSpan limit)
    {
        var hold = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _hold, hold);
        var done = await Task.WhenAny(hold.Task, Task.Delay(limit)).ConfigureAwait(false);
        if (done != hold.Task)
        {
            Interlocked.CompareExchange(ref _hold, null, hold);
            Release();
            return null;
        }

        return await hold.Task.ConfigureAwait(false);
    }

    /// <summary>Lets the held post be answered.</summary>
    public void Release() => _release.TrySetResult();

    public void Dispose()
    {
        Release();
        _listener.Close();
        _serving.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body).ConfigureAwait(false);
            byte[] bytes = body.ToArray();
            if (!WebhookSignature.Verify(TrialBox.WebhookSecret, bytes, context.Request.Headers[WebhookOptions.SignatureHeader]))
            {
                Interlocked.Increment(ref _badSignatures);
            }

            string id = JsonDocument.Parse(bytes).RootElement.GetProperty("id").GetString() ?? string.Empty;
            Posts.AddOrUpdate(id, 1, (_, n) => n + 1);
            if (Interlocked.Exchange(ref _hold, null) is { } hold)
            {
                var release = _release.Task;
                hold.TrySetResult(id);
                await Task.WhenAny(release, Task.Delay(TimeSpan.FromSeconds(30))).ConfigureAwait(false);
            }

            context.Response.StatusCode = 204;
            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException or JsonException or InvalidOperationException or KeyNotFoundException)
        {
            // B died under the post, or it was not ours: B retries; the final check counts what arrived.
        }
    }
}
