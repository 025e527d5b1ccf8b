using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using FaxBox.FaxServer.Inbox;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace FaxBox.FaxServer.Delivery;

/// <summary>E-mails received faxes through one SMTP server with MailKit (RFC 5321, STARTTLS RFC 3207, AUTH RFC 4954).</summary>
internal sealed class EmailDelivery : IFaxDeliveryTransport
{
    private readonly SmtpOptions _options;
    private readonly X509Certificate2? _trusted;
    private readonly string _host;

    /// <summary>Creates the transport; reads <see cref="SmtpOptions.TrustedCertificateFile"/> now so a bad file fails at start.</summary>
    public EmailDelivery(SmtpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Host))
        {
            throw new ArgumentException("faxServer.smtp.host: no SMTP server is configured", nameof(options));
        }

        if (options.Port is < 1 or > 65535)
        {
            throw new ArgumentException($"faxServer.smtp.port: {options.Port} is not a TCP port", nameof(options));
        }

        if (!MimeKit.MailboxAddress.TryParse(options.From, out MimeKit.MailboxAddress? from) || !from.Address.Contains('@', StringComparison.Ordinal))
        {
            throw new ArgumentException($"faxServer.smtp.from: '{options.From}' is not an e-mail address", nameof(options));
        }

        if ((options.Username is null) != (options.Password is null))
        {
            throw new ArgumentException("faxServer.smtp: give both username and password, or neither", nameof(options));
        }

        if (options.TrustedCertificateFile is { } file)
        {
            try
            {
                _trusted = X509Certificate2.CreateFromPem(File.ReadAllText(file));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
            {
                throw new ArgumentException($"faxServer.smtp.trustedCertificateFile: {file}: {ex.Message}", nameof(options), ex);
            }
        }

        _options = options;
        _host = options.Host;
    }

    /// <inheritdoc/>
    public DeliveryKind Kind => DeliveryKind.Email;

    /// <inheritdoc/>
    public async Task DeliverAsync(ReceivedFax fax, DeliveryState delivery, string tiffPath, string? pdfPath, CancellationToken cancellationToken)
    {
        using var message = FaxEmail.Compose(fax, _options.From, delivery.Target, delivery.Format, tiffPath, pdfPath);
        await SendAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends one message through the configured server; failures become <see cref="DeliveryException"/> with the server and reason.</summary>
    public async Task SendAsync(MimeKit.MimeMessage message, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        using var client = new SmtpClient { Timeout = (int)Math.Min(int.MaxValue, _options.Timeout.TotalMilliseconds) };
        client.ServerCertificateValidationCallback = Validate;
        string server = $"smtp {_options.Host}:{_options.Port}";
        try
        {
            SecureSocketOptions security = _options.Security switch
            {
                SmtpSecurity.None => SecureSocketOptions.None,
                SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
                _ => SecureSocketOptions.SslOnConnect,
            };
            await client.ConnectAsync(_host, _options.Port, security, timeout.Token).ConfigureAwait(false);
            if (_options.Username is { } user && _options.Password is { } password)
            {
                await client.AuthenticateAsync(user, password, timeout.Token).ConfigureAwait(false);
            }

            await client.SendAsync(message, timeout.Token).ConfigureAwait(false);
            await client.DisconnectAsync(quit: true, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException ex)
        {
            throw new DeliveryException($"{server}: no answer within {_options.Timeout.TotalSeconds:0} s", ex);
        }
        catch (SmtpCommandException ex)
        {
            throw new DeliveryException($"{server}: refused {ex.ErrorCode} ({(int)ex.StatusCode} {ex.Message.Trim()})", ex);
        }
        catch (AuthenticationException ex)
        {
            throw new DeliveryException($"{server}: authentication failed ({ex.Message.Trim()})", ex);
        }
        catch (SslHandshakeException ex)
        {
            throw new DeliveryException($"{server}: TLS handshake failed (certificate not trusted or TLS not spoken)", ex);
        }
        catch (NotSupportedException ex)
        {
            throw new DeliveryException($"{server}: {ex.Message.Trim()}", ex);
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or SmtpProtocolException or ServiceNotConnectedException or InvalidOperationException)
        {
            throw new DeliveryException($"{server}: {ex.Message.Trim()}", ex);
        }
    }

    private bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (_trusted is null || certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.Add(_trusted);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return custom.Build(leaf);
    }
}
