using FaxBox.FaxServer.Delivery;

namespace FaxBox.FaxServer.Tests.Delivery;

/// <summary>
/// <c>faxServer.smtp</c> settings that would make every e-mail delivery fail are refused when the configuration is
/// loaded, naming the key, instead of being found when the first fax arrives.
/// </summary>
public sealed class SmtpOptionsTests
{
    [Fact]
    public void The_defaults_and_a_complete_authenticated_server_are_valid()
    {
        new SmtpOptions().Validate();
        new SmtpOptions { Host = "mail.lan", Port = 465, Security = SmtpSecurity.Tls, Username = "fax", Password = "pw", From = "Fax <fax@example.com>" }.Validate();
        new FaxServerOptions { Smtp = { Host = "mail.lan" } }.Validate();
    }

    [Theory]
    [InlineData(0, "fax", "pw", "faxbox@localhost", 60, "faxServer.smtp.port: 0 is not a TCP port (1 to 65535)")]
    [InlineData(587, null, "pw", "faxbox@localhost", 60, "faxServer.smtp.password: set without faxServer.smtp.username; SMTP AUTH needs both")]
    [InlineData(587, "fax", "", "faxbox@localhost", 60, "faxServer.smtp.username: set without faxServer.smtp.password; SMTP AUTH needs both")]
    [InlineData(587, null, null, "not an address", 60, "faxServer.smtp.from: 'not an address' is not an e-mail address like faxbox@example.com")]
    [InlineData(587, null, null, "faxbox@localhost", 0, "faxServer.smtp.timeout: 00:00:00 must be positive")]
    public void A_setting_every_delivery_would_fail_on_is_refused_with_its_key(int port, string? username, string? password, string from, int timeoutSeconds, string message)
    {
        var options = new FaxServerOptions
        {
            Smtp = { Host = "mail.lan", Port = port, Username = username, Password = password, From = from, Timeout = TimeSpan.FromSeconds(timeoutSeconds) },
        };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Equal(message, error.Message);
    }
}
