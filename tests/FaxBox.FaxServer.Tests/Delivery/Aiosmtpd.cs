using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using FaxBox.FaxServer.Tests.Inbox;
using MimeKit;

namespace FaxBox.FaxServer.Tests.Delivery;

/// <summary>
/// Debian's python3-aiosmtpd as a real SMTP server on 127.0.0.1: plain, STARTTLS or implicit TLS, optionally with AUTH
/// (user "fax", the password read from a file at each attempt so a test can change it), saving each message as a file.
/// </summary>
internal sealed class Aiosmtpd : IAsyncDisposable
{
    private const string Script = """
        import os, ssl, sys, threading
        from aiosmtpd.controller import Controller
        from aiosmtpd.smtp import AuthResult, LoginPassword

        mode, port, out, cert, key, pwfile = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6]

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                n = len([f for f in os.listdir(out) if f.endswith(".eml")])
                tmp = os.path.join(out, "%04d.tmp" % n)
                with open(tmp, "wb") as f:
                    f.write(b"X-Envelope-To: " + ",".join(envelope.rcpt_tos).encode() + b"\r\n")
                    f.write(envelope.original_content)
                os.rename(tmp, os.path.join(out, "%04d.eml" % n))
                return "250 OK queued"

        def authenticate(server, session, envelope, mechanism, auth_data):
            if not isinstance(auth_data, LoginPassword):
                return AuthResult(success=False, handled=False)
            with open(pwfile) as f:
                expected = f.read().strip()
            ok = auth_data.login == b"fax" and auth_data.password == expected.encode()
            # handled=False: aiosmtpd answers 535 itself (the default, handled=True, would send nothing).
            return AuthResult(success=ok, handled=False)

        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(cert, key)
        kwargs = dict(hostname="127.0.0.1", port=port)
        if pwfile != "-":
            kwargs.update(authenticator=authenticate, auth_required=True, auth_require_tls=(mode == "starttls"))
        if mode == "starttls":
            kwargs.update(tls_context=context, require_starttls=True)
        elif mode == "tls":
            kwargs.update(ssl_context=context)
        controller = Controller(Handler(), **kwargs)
        controller.start()
        print("READY", flush=True)
        threading.Event().wait()
        """;

    private readonly Process _process;

    private Aiosmtpd(Process process, int port, string outbox)
    {
        _process = process;
        Port = port;
        Outbox = outbox;
    }

    public int Port { get; }

    public string Outbox { get; }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts the server; <paramref name="passwordFile"/> null means no AUTH.</summary>
    public static async Task<Aiosmtpd> StartAsync(TempFolder dir, string mode, int port, SelfSignedCertificate cert, string? passwordFile)
    {
        string script = dir.File("smtp_server.py");
        await File.WriteAllTextAsync(script, Script);
        string outbox = Path.Combine(dir.Path, $"outbox-{port}");
        Directory.CreateDirectory(outbox);
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { script, mode, port.ToString(System.Globalization.CultureInfo.InvariantCulture), outbox, cert.CertificateFile, cert.KeyFile, passwordFile ?? "-" })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        Task<string> errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
        string? line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        if (line != "READY")
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"aiosmtpd did not start: {await errors}");
        }

        return new Aiosmtpd(process, port, outbox);
    }

    /// <summary>The messages received so far, in order.</summary>
    public List<MimeMessage> Messages() =>
        [.. Directory.EnumerateFiles(Outbox, "*.eml").Order(StringComparer.Ordinal).Select(p => MimeMessage.Load(p))];

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(timeout.Token);
        }

        _process.Dispose();
    }
}
