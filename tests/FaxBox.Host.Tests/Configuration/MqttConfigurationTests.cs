using System.Net;
using System.Text.Json.Nodes;
using FaxBox.Host.Configuration;
using static FaxBox.Host.Tests.Configuration.ConfigurationSamples;

namespace FaxBox.Host.Tests.Configuration;

/// <summary>The <c>mqtt</c> section of faxbox.json, bound to MqttOptions and checked with its keys.</summary>
public sealed class MqttConfigurationTests
{
    [Fact]
    public void Without_an_mqtt_section_the_box_uses_the_embedded_broker_on_loopback()
    {
        var config = Valid(Minimal);

        Assert.True(config.Mqtt.UsesEmbeddedBroker);
        Assert.Equal(IPAddress.Loopback, config.Mqtt.EmbeddedAddress);
        Assert.True(FaxBoxConfiguration.LoadEmbeddedDefault().Mqtt.UsesEmbeddedBroker);
    }

    [Fact]
    public void The_section_binds_url_credentials_durations_and_a_ca_file_relative_to_the_configuration()
    {
        using var folder = TestPaths.NewTempFolder();
        File.WriteAllText(folder.File("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        File.WriteAllText(folder.File("faxbox.json"), With(r => r["mqtt"] = JsonNode.Parse("""
            { "url": "mqtts://broker.lan", "username": "fax", "password": "pw", "caFile": "ca.pem", "healthInterval": "30s", "commands": true, "deviceId": "front-desk" }
            """)));

        var result = FaxBoxConfiguration.Load(folder.File("faxbox.json"));

        Assert.True(result.Succeeded, string.Join('\n', result.Errors));
        var mqtt = result.Configuration!.Mqtt;
        Assert.Equal(("mqtts://broker.lan", "fax", "pw", folder.File("ca.pem")), (mqtt.Url, mqtt.Username, mqtt.Password, mqtt.CaFile));
        Assert.Equal((TimeSpan.FromSeconds(30), true, "front-desk"), (mqtt.HealthInterval, mqtt.Commands, mqtt.DeviceId));
    }

    [Theory]
    [InlineData("""{ "embeddedAddress": "0.0.0.0" }""", "mqtt.embeddedAddress", "only with mqtt.username and mqtt.password")]
    [InlineData("""{ "url": "http://broker.lan" }""", "mqtt.url", "scheme 'http' is not mqtt:// or mqtts://")]
    [InlineData("""{ "ulr": "mqtt://broker.lan" }""", "mqtt.ulr", "did you mean 'url'?")]
    [InlineData("""{ "eventQueue": "many" }""", "mqtt.eventQueue", "must be a whole number")]
    public void Wrong_mqtt_settings_are_errors_with_their_key(string section, string key, string reason)
    {
        var error = Single(With(r => r["mqtt"] = JsonNode.Parse(section)));

        Assert.Equal(key, error.Key);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_mqtt_section_is_a_change_that_takes_a_restart()
    {
        var old = Valid(Minimal);
        var changed = Valid(With(r => r["mqtt"] = JsonNode.Parse("""{ "url": "mqtt://broker.lan" }""")));

        Assert.Equal(["mqtt"], ConfigurationDiff.NeedsRestart(old, changed));
        Assert.Empty(ConfigurationDiff.Changes(old, Valid(Minimal)));
    }
}
