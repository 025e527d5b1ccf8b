using System.Text.Json;
using System.Text.Json.Nodes;
using FaxBox.Admin.Settings;

namespace FaxBox.Admin.Tests.Settings;

/// <summary>The settings forms' unsaved draft: entries added and removed, placeholders of moved entries labelled with their key.</summary>
public sealed class SettingsDraftTests
{
    private static readonly AdminSettingList Accounts = new("sip.accounts", "SIP account", "{}");
    private static readonly AdminSettingList Rules = new("faxServer.routing.rules", "routing rule", "{}");

    private const string Document = """
        { "sip": { "accounts": [
            { "name": "a", "password": "(unchanged secret)" },
            { "name": "b", "password": "(unchanged secret)" },
            { "name": "c", "password": "(unchanged secret)", "extra": { "token": "(unchanged secret)" } } ] } }
        """;

    [Fact]
    public void Adding_appends_a_new_entry_and_creates_a_missing_list_with_the_objects_above_it()
    {
        var (json, index) = SettingsDraft.Add(Document, Accounts);
        Assert.Equal(3, index);
        Assert.Equal(4, JsonNode.Parse(json)!["sip"]!["accounts"]!.AsArray().Count);
        Assert.Empty(JsonNode.Parse(json)!["sip"]!["accounts"]![3]!.AsObject());

        var (rules, first) = SettingsDraft.Add("{ \"name\": \"x\" }", Rules);
        Assert.Equal(0, first);
        Assert.Single(JsonNode.Parse(rules)!["faxServer"]!["routing"]!["rules"]!.AsArray());
        Assert.Equal("x", (string?)JsonNode.Parse(rules)!["name"]);
    }

    [Fact]
    public void Removing_moves_the_later_entries_up_and_labels_their_placeholders_with_the_key_of_their_secret()
    {
        var json = SettingsDraft.Remove(Document, Accounts, 0);
        var accounts = JsonNode.Parse(json)!["sip"]!["accounts"]!.AsArray();
        Assert.Equal(["b", "c"], accounts.Select(a => (string?)a!["name"]));
        Assert.Equal("(unchanged secret of sip.accounts[1].password)", (string?)accounts[0]!["password"]);
        Assert.Equal("(unchanged secret of sip.accounts[2].password)", (string?)accounts[1]!["password"]);
        Assert.Equal("(unchanged secret of sip.accounts[2].extra.token)", (string?)accounts[1]!["extra"]!["token"]);

        // A second removal keeps the labels already there (they name the configuration in force, not the draft).
        var again = JsonNode.Parse(SettingsDraft.Remove(json, Accounts, 0))!["sip"]!["accounts"]!.AsArray();
        Assert.Equal("(unchanged secret of sip.accounts[2].password)", (string?)Assert.Single(again)!["password"]);
    }

    [Fact]
    public void Removing_the_last_entry_leaves_the_others_untouched()
    {
        var accounts = JsonNode.Parse(SettingsDraft.Remove(Document, Accounts, 2))!["sip"]!["accounts"]!.AsArray();
        Assert.Equal(["(unchanged secret)", "(unchanged secret)"], accounts.Select(a => (string?)a!["password"]));
    }

    [Fact]
    public void Removing_an_entry_the_draft_lacks_says_which()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => SettingsDraft.Remove(Document, Accounts, 3));
        Assert.Contains("sip.accounts[3]", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => SettingsDraft.Remove("{}", Rules, 0));
    }

    [Fact]
    public void A_list_at_its_limit_takes_no_more_entries()
    {
        var full = "{ \"sip\": { \"accounts\": [" + string.Join(",", Enumerable.Repeat("{}", SettingsDraft.MaxEntries)) + "] } }";
        var e = Assert.Throws<InvalidOperationException>(() => SettingsDraft.Add(full, Accounts));
        Assert.Contains("sip.accounts", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_draft_that_is_not_a_json_object_is_refused()
    {
        Assert.ThrowsAny<JsonException>(() => SettingsDraft.Add("[1, 2]", Accounts));
        Assert.ThrowsAny<JsonException>(() => SettingsDraft.Remove("{ \"sip\": ", Accounts, 0));
    }

    [Theory]
    [InlineData("sip.accounts[2]", "sip.accounts", 2)]
    [InlineData("faxServer.routing.rules[0]", "faxServer.routing.rules", 0)]
    public void Remove_buttons_name_an_entry_of_a_known_list(string text, string list, int index)
    {
        Assert.True(SettingsDraft.TryParseEntry(text, [Accounts, Rules], out var found, out var at));
        Assert.Equal(list, found!.Path);
        Assert.Equal(index, at);
    }

    [Theory]
    [InlineData("ports[0]")]
    [InlineData("sip.accounts")]
    [InlineData("sip.accounts[-1]")]
    [InlineData("sip.accounts[1].name")]
    [InlineData("sip.accounts[99999]")]
    [InlineData("")]
    public void Anything_else_is_not_an_entry(string text)
    {
        Assert.False(SettingsDraft.TryParseEntry(text, [Accounts, Rules], out _, out _));
    }

    [Fact]
    public void The_fingerprint_changes_with_the_document()
    {
        Assert.Equal(SettingsDraft.Fingerprint(Document), SettingsDraft.Fingerprint(Document));
        Assert.NotEqual(SettingsDraft.Fingerprint(Document), SettingsDraft.Fingerprint(Document + " "));
    }
}
