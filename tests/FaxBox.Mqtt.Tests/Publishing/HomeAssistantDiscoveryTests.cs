using System.Text.Json;
using FaxBox.Mqtt.HomeAssistant;
using FaxBox.Mqtt.Publishing;
using FaxBox.Mqtt.Tests.Infrastructure;

namespace FaxBox.Mqtt.Tests.Publishing;

public sealed class HomeAssistantDiscoveryTests
{
    [Fact]
    public void One_device_with_availability_ports_registration_last_fax_faxes_today_and_queue_depth()
    {
        var topics = new MqttTopics("faxbox", "office-fax-0a1b2c3d", "homeassistant");

        var configs = HomeAssistantDiscovery.Build(topics, Samples.Board().Current, "1.2.3");

        var byTopic = configs.ToDictionary(c => c.Topic, c => JsonDocument.Parse(c.Payload).RootElement);
        Assert.All(configs, c => Assert.True(c.Retain));
        Assert.Equal(
            ["account_trunk", "cpu", "faxes_today", "last_fax", "online", "port_fxo1", "port_fxs0", "queue_depth", "temperature"],
            byTopic.Keys.Select(t => t.Split('/')[3]).Order(StringComparer.Ordinal));
        var port = byTopic["homeassistant/sensor/office-fax-0a1b2c3d/port_fxs0/config"];
        Assert.Equal("faxbox/office-fax-0a1b2c3d/port/fxs0", port.GetProperty("state_topic").GetString());
        Assert.Equal("faxbox/office-fax-0a1b2c3d/status", port.GetProperty("availability_topic").GetString());
        Assert.Equal("office-fax-0a1b2c3d", port.GetProperty("device").GetProperty("identifiers")[0].GetString());
        var online = byTopic["homeassistant/binary_sensor/office-fax-0a1b2c3d/online/config"];
        Assert.Equal("connectivity", online.GetProperty("device_class").GetString());
        Assert.False(online.TryGetProperty("availability_topic", out _));
        Assert.Equal("{{ value_json.depth }}", byTopic["homeassistant/sensor/office-fax-0a1b2c3d/queue_depth/config"].GetProperty("value_template").GetString());
        Assert.True(configs.All(c => HomeAssistantDiscovery.IsDiscoveryTopic(topics, c.Topic)));
        Assert.False(HomeAssistantDiscovery.IsDiscoveryTopic(topics, "homeassistant/sensor/other-box/port_fxs0/config"));
    }
}
