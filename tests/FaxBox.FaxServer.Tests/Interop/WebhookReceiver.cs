using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using FaxBox.FaxServer.Delivery;

namespace FaxBox.FaxServer.Tests.Interop;

/// <summary>
/// An HttpListener on 127.0.0.1 that takes the fax server's webhook posts: each one's signature is checked and its JSON
/// kept; it answers 204.
/// </summary>
internal sealed class WebhookReceiver : IDisposable
{
    public const string Secret = "replay-webhook-secret-of-some-length";

    private readonly HttpListener _listener;
    private readonly Task _serving;

    private WebhookReceiver(HttpListener listener, string url)
    {
        _listener = listener;
        Url = url;
        _serving = Task.Run(ServeAsync);
    }

    public string Url { get; }

    /// <summary>The posts so far: the JSON body, and whether its signature verified.</summary>
    public ConcurrentQueue<(JsonElement Body, bool SignatureValid)> Posts { get; } = new();

    public static WebhookReceiver Start()
    {
        for (int attempt = 0; ; attempt++)
        {
            var port = FaxBox.Testing.Interop.FreePorts.UdpAndTcp();
            var listener = new HttpListener();
            var url = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/fax/";
            listener.Prefixes.Add(url);
            try
            {
                listener.Start();
                return new WebhookReceiver(listener, url + "received");
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }
    }

    public void Dispose()
    {
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
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var bytes = body.ToArray();
            bool valid = WebhookSignature.Verify(Secret, bytes, context.Request.Headers[WebhookOptions.SignatureHeader]);
            Posts.Enqueue((JsonDocument.Parse(bytes).RootElement.Clone(), valid));
            context.Response.StatusCode = 204;
            context.Response.Close();
        }
    }
}
