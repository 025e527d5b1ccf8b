using FaxBox.Testing.Interop;

namespace FaxBox.Sip.Tests.Interop;

/// <summary>Proves the harness: sipp as a client registering to a real kamailio with Digest authentication.</summary>
[Collection(InteropCollection.Name)]
public sealed class KamailioSippTests
{
    private static readonly Dictionary<string, string> Users = new() { ["alice"] = "alice-secret", ["fax"] = "fax-secret" };

    [Theory]
    [InlineData("u1")]
    [InlineData("t1")]
    public async Task Sipp_registers_with_digest_over_udp_and_tcp(string transport)
    {
        await using var kamailio = await KamailioHarness.StartAsync(Users);
        var (code, output) = await SippRunner.RunAsync(SippRunner.Scenario("register-digest.xml"), $"127.0.0.1:{kamailio.Port}",
            ["-t", transport, "-s", "alice", "-au", "alice", "-ap", "alice-secret"], TimeSpan.FromSeconds(20));
        Assert.True(code == 0, $"sipp exit {code}:\n{output}\nkamailio:\n{kamailio.Log}");
        Assert.Contains("FAXBOX-IN REGISTER", kamailio.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sipp_with_a_wrong_password_is_challenged_again()
    {
        await using var kamailio = await KamailioHarness.StartAsync(Users);
        var (code, output) = await SippRunner.RunAsync(SippRunner.Scenario("register-wrong-password.xml"), $"127.0.0.1:{kamailio.Port}",
            ["-s", "alice", "-au", "alice", "-ap", "not-the-password"], TimeSpan.FromSeconds(20));
        Assert.True(code == 0, $"sipp exit {code}:\n{output}\nkamailio:\n{kamailio.Log}");
        Assert.Contains("FAXBOX-AUTH REGISTER user 'alice' refused", kamailio.Log, StringComparison.Ordinal);
    }
}
