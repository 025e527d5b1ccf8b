using System.Net;
using FaxBox.Mqtt.Configuration;
using FaxBox.Mqtt.Tests.Infrastructure;

namespace FaxBox.Mqtt.Tests.Configuration;

public sealed class MqttOptionsTests
{
    [Fact]
    public void The_defaults_are_the_embedded_broker_on_loopback_and_validate()
    {
        var options = new MqttOptions();

        options.Validate();
        Assert.True(options.UsesEmbeddedBroker);
        Assert.Equal(IPAddress.Loopback, options.EmbeddedAddress);
        Assert.Equal(1883, options.EmbeddedPort);
        Assert.False(options.Commands);
    }

    [Fact]
    public void An_embedded_broker_beyond_loopback_without_credentials_is_rejected_with_its_key()
    {
        var options = new MqttOptions { EmbeddedAddress = IPAddress.Any };

        var e = Assert.Throws<MqttConfigurationException>(options.Validate);

        Assert.Equal("mqtt.embeddedAddress", e.Key);
        Assert.Contains("only with mqtt.username and mqtt.password", e.Reason, StringComparison.Ordinal);
        new MqttOptions { EmbeddedAddress = IPAddress.Any, Username = "u", Password = "p" }.Validate();
    }

    [Theory]
    [InlineData("caFile")]
    [InlineData("topicPrefix")]
    [InlineData("password")]
    [InlineData("reconnectMax")]
    [InlineData("eventQueue")]
    public void Wrong_values_name_their_key(string key)
    {
        using var folder = new TempFolder();
        var options = key switch
        {
            "caFile" => new MqttOptions { Url = "mqtt://broker.lan", CaFile = folder.File("ca.pem") },
            "topicPrefix" => new MqttOptions { TopicPrefix = "fax/box" },
            "password" => new MqttOptions { Password = "p" },
            "reconnectMax" => new MqttOptions { ReconnectMin = TimeSpan.FromSeconds(10), ReconnectMax = TimeSpan.FromSeconds(1) },
            _ => new MqttOptions { EventQueue = 1 },
        };

        var e = Assert.Throws<MqttConfigurationException>(options.Validate);

        Assert.Equal($"mqtt.{key}", e.Key);
    }

    [Fact]
    public void The_device_id_is_the_box_name_and_a_stable_id_kept_in_the_data_folder()
    {
        using var folder = new TempFolder();

        var first = MqttDeviceIdentity.Resolve(new MqttOptions(), "Office Fax #2", folder.Path);
        var second = MqttDeviceIdentity.Resolve(new MqttOptions(), "Office Fax #2", folder.Path);
        using var other = new TempFolder();
        var elsewhere = MqttDeviceIdentity.Resolve(new MqttOptions(), "Office Fax #2", other.Path);

        Assert.Matches("^office-fax--2-[0-9a-f]{8}$", first);
        Assert.Equal(first, second);
        Assert.NotEqual(first, elsewhere);
        Assert.Equal(first[^8..], File.ReadAllText(folder.File(MqttDeviceIdentity.FileName)).Trim());
        Assert.Equal("fixed", MqttDeviceIdentity.Resolve(new MqttOptions { DeviceId = "fixed" }, "x", folder.Path));
    }

    [Fact]
    public void A_corrupt_device_id_file_is_an_error_that_says_where()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File(MqttDeviceIdentity.FileName), "not-hex!");

        var e = Assert.Throws<MqttConfigurationException>(() => MqttDeviceIdentity.Resolve(new MqttOptions(), "box", folder.Path));

        Assert.Contains(folder.File(MqttDeviceIdentity.FileName), e.Reason, StringComparison.Ordinal);
    }
}
