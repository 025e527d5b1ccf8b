using FaxBox.CallControl.Bridging;
using FaxBox.CallControl.Configuration;
using FaxBox.CallControl.Tests.Gateway;
using FaxBox.Core.Status;
using FaxBox.Fax.Documents;
using FaxBox.LineInterface.Simulated;
using FaxBox.Testing.Interop;
using Microsoft.Extensions.Logging.Abstractions;

namespace FaxBox.CallControl.Tests.Interop;

/// <summary>
/// Two boxes registered with a real kamailio (registrar, Digest-authenticating proxy with Record-Route): box A's fax
/// machine sends to 201, kamailio finds box B's registration, and the fax is relayed over T.38 between the boxes.
/// </summary>
[Collection(InteropCollection.Name)]
public sealed class GatewayKamailioTests : IDisposable
{
    private static readonly Dictionary<string, string> Users = new() { ["101"] = "box-a-secret", ["201"] = "box-b-secret" };
    private readonly TempFolder _work = TestPaths.NewTempFolder();

    public void Dispose() => _work.Dispose();

    private static GatewayOptions Registered(string name, string user, string password, int kamailioPort)
    {
        var options = GatewayBox.Options(name, null, number: user);
        var account = options.Accounts[0];
        account.Username = user;
        account.Password = password;
        account.Domain = KamailioHarness.Domain;
        account.Registrar = $"127.0.0.1:{kamailioPort}";
        account.OutboundProxy = $"127.0.0.1:{kamailioPort}";
        account.Register = true;
        account.Expires = 120;
        options.Ports.RemoveAt(1);
        return options;
    }

    [Fact]
    public async Task Two_boxes_register_with_kamailio_and_relay_a_fax_over_T38_through_it()
    {
        await using var kamailio = await KamailioHarness.StartAsync(Users);
        var optionsB = Registered("boxb", "201", "box-b-secret", kamailio.Port);
        await using var b = GatewayBox.Create(optionsB, GatewayFaxTests.Receiver(), new CallMediaFactory(optionsB.Media, Native.Engine, NullLoggerFactory.Instance), Path.Combine(_work.Path, "b"));
        var optionsA = Registered("boxa", "101", "box-a-secret", kamailio.Port);
        await using var a = GatewayBox.Create(optionsA, GatewayFaxTests.Sender("201", 1), new CallMediaFactory(optionsA.Media, Native.Engine, NullLoggerFactory.Instance), Path.Combine(_work.Path, "a"));

        // Both registrations go through (401 challenge answered); the sender dials 1 s into the run.
        Assert.True(
            await GatewayBox.Run(() => a.Status.Current.Registrations.Single().State == "registered" && b.Status.Current.Registrations.Single().State == "registered", TimeSpan.FromSeconds(0.8), a, b)
            || await WaitRegisteredAsync(a, b),
            $"A {a.Status.Current.Registrations.Single()}, B {b.Status.Current.Registrations.Single()}\n{kamailio.Log}");

        var sender = a.Simulation.FaxMachines["fxs0"];
        var receiver = b.Simulation.FaxMachines["fxs0"];
        Assert.True(
            await GatewayBox.Run(() => a.Status.Current.RecentFaxes.Length == 1 && b.Status.Current.RecentFaxes.Length == 1 && receiver.State == VirtualFaxState.Finished, TimeSpan.FromMinutes(10), a, b),
            $"sender {sender.State} {sender.Result}, receiver {receiver.State} {receiver.Result}\n{kamailio.Log}");
        Assert.True(receiver.Result?.Success, $"{receiver.Result}");
        var record = b.Status.Current.RecentFaxes[0];
        Assert.Equal(CallMediaMode.T38, record.Mode);
        Assert.Equal("101", record.RemoteNumber);
        Assert.Contains("FAXBOX-AUTH INVITE", kamailio.Log, StringComparison.Ordinal); // A's INVITE was challenged and answered
        var received = Assert.Single(Directory.GetFiles(Path.Combine(b.WorkFolder, "received"), "*.tif"));
        Assert.True(FaxDocumentComparer.Compare(Path.Combine(a.WorkFolder, "fxs0-test-page.tif"), received).Identical);
    }

    /// <summary>Registration is real-time SIP: wait for it without advancing the simulated lines (bounded).</summary>
    private static async Task<bool> WaitRegisteredAsync(GatewayBox a, GatewayBox b)
    {
        for (var i = 0; i < 100; i++)
        {
            if (a.Status.Current.Registrations.Single().State == "registered" && b.Status.Current.Registrations.Single().State == "registered")
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }
}
