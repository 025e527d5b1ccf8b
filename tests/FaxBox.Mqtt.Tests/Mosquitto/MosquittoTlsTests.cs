using FaxBox.Mqtt.Tests.Infrastructure;
using FaxBox.Mqtt.Tests.Schemas;

namespace FaxBox.Mqtt.Tests.Mosquitto;

/// <summary>mosquitto with TLS (openssl-made CA and server certificate for 127.0.0.1) and a mosquitto_passwd file.</summary>
public sealed class MosquittoTlsTests
{
    [Fact]
    public async Task With_the_CA_pinned_and_the_password_the_box_publishes_over_TLS()
    {
        using var broker = await Infrastructure.Mosquitto.StartAsync(tls: true);
        var options = PublisherHarness.FastOptions(broker.Url);
        options.CaFile = broker.CaFile;
        options.Username = Infrastructure.Mosquitto.User;
        options.Password = Infrastructure.Mosquitto.Password;
        options.Validate();
        await using var publisher = new FaxBox.Mqtt.Publishing.MqttStatusPublisher(options, FaxBox.Mqtt.Configuration.MqttBrokerAddress.Parse(broker.Url, "mqtt.url"), "box-tls", Samples.Board(), new ListLogger());
        publisher.Start();

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (publisher.Connects == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(1, publisher.Connects);
        Assert.Contains("New client connected from 127.0.0.1", broker.Log, StringComparison.Ordinal);
        Assert.Contains("u'faxbox'", broker.Log, StringComparison.Ordinal);
        Assert.DoesNotContain(Infrastructure.Mosquitto.Password, broker.Log, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("other-ca", "the wrong CA pinned")]
    [InlineData("system", "no CA pinned: the system trust store does not know the test CA")]
    [InlineData("bad-password", "a wrong password")]
    public async Task The_box_does_not_connect_with_the_wrong_CA_or_password(string variant, string why)
    {
        using var broker = await Infrastructure.Mosquitto.StartAsync(tls: true);
        var options = PublisherHarness.FastOptions(broker.Url);
        options.CaFile = variant switch { "other-ca" => broker.OtherCaFile, "system" => null, _ => broker.CaFile };
        options.Username = Infrastructure.Mosquitto.User;
        options.Password = variant == "bad-password" ? "wrong" : Infrastructure.Mosquitto.Password;
        var log = new ListLogger();
        await using var publisher = new FaxBox.Mqtt.Publishing.MqttStatusPublisher(options, FaxBox.Mqtt.Configuration.MqttBrokerAddress.Parse(broker.Url, "mqtt.url"), "box-tls-bad", Samples.Board(), log);
        publisher.Start();

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (log.Lines.Count(l => l.Contains("cannot connect", StringComparison.Ordinal)) < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.True(publisher.Connects == 0, why);
        Assert.True(log.Lines.Count(l => l.Contains("cannot connect", StringComparison.Ordinal)) >= 2, $"{why}: it keeps retrying\n{log}");
    }

    [Fact]
    public void A_pinned_CA_file_that_holds_no_certificate_is_a_configuration_error()
    {
        using var folder = TestPaths.NewTempFolder();
        File.WriteAllText(folder.File("ca.pem"), "not a certificate");

        var e = Assert.Throws<FaxBox.Mqtt.Configuration.MqttConfigurationException>(() => FaxBox.Mqtt.Publishing.MqttClientLink.LoadCa(folder.File("ca.pem")));

        Assert.Equal("mqtt.caFile", e.Key);
        _ = PayloadSchemas.Names;
    }
}
