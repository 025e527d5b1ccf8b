using FaxBox.Sip.Calls;
using FaxBox.Sip.Dns;
using FaxBox.Sip.Messages;
using FaxBox.Sip.Registration;
using FaxBox.Sip.Sdp;
using FaxBox.Sip.Transport;
using FaxBox.Testing.Interop;

namespace FaxBox.Sip.Tests.Interop;

/// <summary>A call from FaxBox through a real kamailio proxy (407 Digest, Record-Route) to a sipp UAS registered there.</summary>
[Collection(InteropCollection.Name)]
public sealed class FaxBoxCallKamailioTests
{
    private static readonly Dictionary<string, string> Users = new() { ["fax"] = "fax-secret", ["alice"] = "alice-secret" };
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(25);

    [Fact]
    public async Task The_box_registers_over_the_transaction_layer_and_calls_through_kamailio_with_407_and_bye_through_record_route()
    {
        await using var kamailio = await KamailioHarness.StartAsync(Users);
        var (uas, uasPort) = await FaxBoxCallSippTests.StartSippAsync(SippRunner.Scenario("uas-record-route.xml"));
        var (regCode, regOutput) = await SippRunner.RunAsync(SippRunner.Scenario("register-contact.xml"), $"127.0.0.1:{kamailio.Port}",
            ["-s", "alice", "-au", "alice", "-ap", "alice-secret", "-set", "uasport", uasPort.ToString(System.Globalization.CultureInfo.InvariantCulture)], Limit);
        Assert.True(regCode == 0, $"sipp REGISTER exit {regCode}:\n{regOutput}\n{kamailio.Log}");

        await using var box = FaxBoxCallStack.Start(new SipUserAgentOptions
        {
            User = "fax",
            Domain = KamailioHarness.Domain,
            Credentials = new FaxBox.Sip.Auth.DigestCredentials("fax", "fax-secret"),
            OutboundProxy = new SipEndPoint(SipTransportProtocol.Udp, kamailio.EndPoint),
        });

        // Registration shares the transport with calls through the transaction layer (no second message handler).
        await using (var registration = new SipRegistration(new SipAccountOptions
        {
            Username = "fax",
            Password = "fax-secret",
            Domain = KamailioHarness.Domain,
            Registrar = $"127.0.0.1:{kamailio.Port}",
            Expires = 120,
        }, new SipTransactionRequestSender(box.Layer), new SipServerLocator(new NoDns())))
        {
            var registered = await registration.RegisterOnceAsync(CancellationToken.None).WaitAsync(Limit);
            Assert.True(registered.State == SipRegistrationState.Registered, $"{registered.Reason}\n{kamailio.Log}");
        }

        var call = box.Ua.CreateCall(SipUri.Parse($"sip:alice@{KamailioHarness.Domain}"), box.Negotiator.CreateOffer(SdpMediaKind.Audio));
        var result = await call.DialAsync().WaitAsync(Limit);
        Assert.True(result.Connected, $"{result.StatusCode} {result.ReasonPhrase}\n{kamailio.Log}");
        Assert.Contains("FAXBOX-AUTH INVITE", kamailio.Log, StringComparison.Ordinal); // the first INVITE was challenged (407)
        var route = Assert.Single(call.Dialog!.RouteSet);
        Assert.Equal(kamailio.Port, route.Uri.Port);

        await call.HangUpAsync().WaitAsync(Limit);
        Assert.Equal(SipCallEndReason.LocalHangUp, call.EndReason);
        await FaxBoxCallSippTests.AssertPassedAsync(uas);
        Assert.Contains("FAXBOX-IN BYE sip:", kamailio.Log, StringComparison.Ordinal); // the BYE went through the Record-Route
    }

    private sealed class NoDns : IDnsClient
    {
        public Task<DnsMessage> QueryAsync(string name, DnsRecordType type, CancellationToken cancellationToken) =>
            throw new InvalidOperationException($"unexpected DNS query {type} {name}");
    }
}
