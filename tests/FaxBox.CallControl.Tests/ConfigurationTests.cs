using FaxBox.CallControl.Configuration;

namespace FaxBox.CallControl.Tests;

public sealed class ConfigurationTests
{
    private static GatewayOptions Valid() => new()
    {
        Accounts = [new SipAccountSettings { Name = "trunk", Username = "fax", Port = 0 }],
        Ports = [new PortSettings { Port = 0, Account = "trunk", Number = "201" }],
    };

    [Fact]
    public void A_minimal_configuration_is_valid() => Valid().Validate(i => i == 0);

    [Fact]
    public void A_port_naming_an_unknown_account_is_rejected_with_its_key()
    {
        var options = Valid();
        options.Ports[0].Account = "nope";
        var error = Assert.Throws<GatewayConfigurationException>(() => options.Validate());
        Assert.Equal("ports[0].account", error.Key);
        Assert.Contains("trunk", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_port_the_board_lacks_is_rejected()
    {
        var options = Valid();
        options.Ports[0].Port = 7;
        var error = Assert.Throws<GatewayConfigurationException>(() => options.Validate(i => i < 2));
        Assert.Equal("ports[0].port", error.Key);
    }

    [Fact]
    public void Redundancy_out_of_range_is_rejected_per_port()
    {
        var options = Valid();
        options.Ports[0].Fax = new FaxOptions { ImageRedundancy = 9 };
        var error = Assert.Throws<GatewayConfigurationException>(() => options.Validate());
        Assert.Equal("ports[0].fax.imageRedundancy", error.Key);
    }

    [Fact]
    public void Codecs_other_than_G711_are_rejected()
    {
        var options = Valid();
        options.Media.Codecs = [18];
        Assert.Equal("media.codecs", Assert.Throws<GatewayConfigurationException>(() => options.Validate()).Key);
    }
}
