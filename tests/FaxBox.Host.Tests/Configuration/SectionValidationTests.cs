using System.Text.Json.Nodes;
using static FaxBox.Host.Tests.Configuration.ConfigurationSamples;

namespace FaxBox.Host.Tests.Configuration;

/// <summary>
/// The <c>admin</c>, <c>api</c> and <c>faxServer</c> sections' own checks, reported with the key they name.
/// <c>admin.maxUploadBytes</c> and <c>api.maxUploadBytes</c> are 64-bit byte counts: the README's example names one, and
/// a configuration reader that could bind only 32-bit numbers refused it (CI caught it on the README example).
/// </summary>
public sealed class SectionValidationTests
{
    [Fact]
    public void Upload_limits_bind_as_64_bit_byte_counts_beyond_two_gibibytes()
    {
        var config = Valid(With(r =>
        {
            r["admin"] = JsonNode.Parse("""{ "maxUploadBytes": 3221225472 }""");
            r["api"] = JsonNode.Parse("""{ "maxUploadBytes": 10485760 }""");
        }));

        Assert.Equal(3L * 1024 * 1024 * 1024, config.Admin.MaxUploadBytes);
        Assert.Equal(10L * 1024 * 1024, config.Api.MaxUploadBytes);
    }

    [Theory]
    [InlineData("admin", """{ "maxUploadBytes": 10 }""", "admin.maxUploadBytes", "1024 (1 KiB) to 4294967296 (4 GiB)")]
    [InlineData("api", """{ "maxUploadBytes": -1 }""", "api.maxUploadBytes", "1024 (1 KiB) to 4294967296 (4 GiB)")]
    [InlineData("admin", """{ "maxUploadBytes": 1.5 }""", "admin.maxUploadBytes", "must be a whole number, found the number 1.5")]
    [InlineData("api", """{ "maxUploadBytes": "50M" }""", "api.maxUploadBytes", "must be a whole number, found the string \"50M\"")]
    [InlineData("api", """{ "socket": " " }""", "api.socket", "empty")]
    [InlineData("faxServer", """{ "smtp": { "host": "mail.lan", "password": "pw" } }""", "faxServer.smtp.password", "set without faxServer.smtp.username")]
    [InlineData("faxServer", """{ "outbox": { "maxCalls": 0 } }""", "faxServer.outbox.maxCalls", "0 must be at least 1")]
    public void Wrong_section_settings_are_errors_with_their_key(string section, string json, string key, string reason)
    {
        var error = Single(With(r => r[section] = JsonNode.Parse(json)));

        Assert.Equal(key, error.Key);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }
}
