using System.Diagnostics;

namespace FaxBox.FaxServer.Tests.Delivery;

/// <summary>A self-signed certificate for 127.0.0.1 made with openssl (one per test class).</summary>
public sealed class SelfSignedCertificate : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "faxbox-cert-" + Guid.NewGuid().ToString("N"));

    public SelfSignedCertificate()
    {
        Directory.CreateDirectory(_folder);
        CertificateFile = Path.Combine(_folder, "cert.pem");
        KeyFile = Path.Combine(_folder, "key.pem");
        var start = new ProcessStartInfo("openssl") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string arg in new[] { "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
            "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", KeyFile, "-out", CertificateFile })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("openssl did not start");
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"openssl failed: {error}");
        }
    }

    public string CertificateFile { get; }

    public string KeyFile { get; }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
