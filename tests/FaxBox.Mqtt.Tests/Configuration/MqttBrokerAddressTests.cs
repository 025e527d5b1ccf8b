using FaxBox.Mqtt.Configuration;

namespace FaxBox.Mqtt.Tests.Configuration;

public sealed class MqttBrokerAddressTests
{
    [Theory]
    [InlineData("mqtt://broker.lan", "broker.lan", 1883, false)]
    [InlineData("mqtt://192.0.2.7:1884", "192.0.2.7", 1884, false)]
    [InlineData("mqtts://broker.lan", "broker.lan", 8883, true)]
    [InlineData("mqtts://[2001:db8::1]:8884/", "2001:db8::1", 8884, true)]
    public void Mqtt_and_mqtts_urls_give_host_port_and_tls(string url, string host, int port, bool tls)
    {
        var address = MqttBrokerAddress.Parse(url, "mqtt.url");

        Assert.Equal(new MqttBrokerAddress(host, port, tls), address);
    }

    [Theory]
    [InlineData("http://broker.lan", "scheme 'http' is not mqtt:// or mqtts://")]
    [InlineData("broker.lan:1883", "is not mqtt:// or mqtts://")]
    [InlineData("mqtt://user:pw@broker.lan", "credentials do not belong in the URL")]
    [InlineData("mqtt://broker.lan/faxbox", "a broker URL has no path, query or fragment")]
    [InlineData("not a url", "is not a URL like mqtt://broker.lan")]
    public void Wrong_urls_are_rejected_with_the_key_and_reason(string url, string reason)
    {
        var e = Assert.Throws<MqttConfigurationException>(() => MqttBrokerAddress.Parse(url, "mqtt.url"));

        Assert.Equal("mqtt.url", e.Key);
        Assert.Contains(reason, e.Reason, StringComparison.Ordinal);
    }
}
