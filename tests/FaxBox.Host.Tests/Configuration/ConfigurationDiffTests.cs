using System.Text.Json.Nodes;
using FaxBox.Host.Configuration;
using static FaxBox.Host.Tests.Configuration.ConfigurationSamples;

namespace FaxBox.Host.Tests.Configuration;

/// <summary><see cref="ConfigurationDiff"/>: which changes apply live and which take a restart.</summary>
public sealed class ConfigurationDiffTests
{
    private static readonly FaxBoxConfiguration Base = Valid(Minimal);

    [Fact]
    public void The_same_file_twice_has_no_changes()
    {
        Assert.Empty(ConfigurationDiff.Changes(Base, Valid(Minimal)));
        Assert.Empty(ConfigurationDiff.NeedsRestart(Base, Valid(Minimal)));
    }

    [Theory]
    [InlineData("fax")]
    [InlineData("dialPlan")]
    public void Fax_and_dial_plan_changes_apply_live(string section)
    {
        var changed = Valid(With(root => root[section] = section == "fax"
            ? new JsonObject { ["t38"] = "never" }
            : new JsonObject { ["maxDigits"] = 10 }));

        Assert.Equal([section], ConfigurationDiff.Changes(Base, changed));
        Assert.Empty(ConfigurationDiff.NeedsRestart(Base, changed));
    }

    [Fact]
    public void Port_settings_and_the_log_level_apply_live()
    {
        var changed = Valid(With(root =>
        {
            root["ports"]![1]!["inboundDestination"] = "300";
            root["ports"]![0]!["fax"] = new JsonObject { ["ecm"] = false };
            root["logLevel"] = "debug";
            root["media"] = new JsonObject { ["codecs"] = new JsonArray(8, 0) };
        }));

        Assert.Equal(["logLevel", "media.codecs", "ports[0]", "ports[1]"], ConfigurationDiff.Changes(Base, changed));
        Assert.Empty(ConfigurationDiff.NeedsRestart(Base, changed));
    }

    [Fact]
    public void Accounts_media_sockets_board_and_engine_need_a_restart()
    {
        using var folder = TestPaths.NewTempFolder();
        var board = folder.File("sim.json");
        File.Copy(Path.Combine(TestPaths.Repository, "board-config", "simulator.json"), board);
        var changed = Valid(
            With(root =>
            {
                root["sip"]!["accounts"]![0]!["port"] = 5070;
                root["media"] = new JsonObject { ["address"] = "0.0.0.0", ["portMin"] = 30000 };
                root["board"] = "sim.json";
                root["fax"] = new JsonObject { ["ecm"] = false };
            }),
            folder.File("faxbox.json"));

        Assert.Equal(["board", "sip.accounts[0]", "media.address", "media.portMin"], ConfigurationDiff.NeedsRestart(Base, changed));
        Assert.Contains("fax", ConfigurationDiff.Changes(Base, changed));
    }

    [Fact]
    public void A_port_added_or_an_account_added_is_named_by_its_list()
    {
        var changed = Valid(With(root =>
        {
            root["sip"]!["accounts"]!.AsArray().Add(new JsonObject { ["name"] = "second", ["username"] = "fax2", ["port"] = 5062 });
            root["ports"]!.AsArray().RemoveAt(1);
        }));

        Assert.Equal(["sip.accounts", "ports"], ConfigurationDiff.Changes(Base, changed));
        Assert.Equal(["sip.accounts"], ConfigurationDiff.NeedsRestart(Base, changed));
    }
}
