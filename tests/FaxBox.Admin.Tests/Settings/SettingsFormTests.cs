using System.Text.Json.Nodes;
using FaxBox.Admin.Settings;

namespace FaxBox.Admin.Tests.Settings;

/// <summary>The generated forms' values turned into a configuration document: only what changed is written, typed by kind.</summary>
public sealed class SettingsFormTests
{
    private const string Document = """
        // comment
        { "name": "box", "fax": { "t38": "on-cng", "ecm": true }, "media": { "codecs": [0, 8] }, "sip": { "accounts": [ { "name": "a", "password": "(unchanged secret)" } ] }, }
        """;

    private static readonly AdminSetting[] Settings =
    [
        new() { Path = "name", Kind = AdminSettingKind.Text, Value = "box" },
        new() { Path = "fax.t38", Kind = AdminSettingKind.Choice, Value = "on-cng", Choices = ["never", "on-cng"] },
        new() { Path = "fax.ecm", Kind = AdminSettingKind.Boolean, Value = "true" },
        new() { Path = "fax.maxDatagram", Kind = AdminSettingKind.Number, Value = "400" },
        new() { Path = "media.codecs", Kind = AdminSettingKind.List, Value = "0, 8", ElementsAreNumbers = true },
        new() { Path = "sip.accounts[0].password", Kind = AdminSettingKind.Secret, IsSet = true },
        new() { Path = "faxServer.smtp.host", Kind = AdminSettingKind.Text, Value = null, Nullable = true },
        new() { Path = "ports[3].number", Kind = AdminSettingKind.Text, Value = "201" },
    ];

    private static (string Json, IReadOnlyList<string> Changed, IReadOnlyList<AdminConfigurationError> Errors) Post(params (string Path, string[] Values)[] fields)
    {
        var posted = fields.ToDictionary(f => SettingsForm.FieldPrefix + f.Path, f => (IReadOnlyList<string>)f.Values);
        return SettingsForm.Apply(Document, Settings, name => posted.TryGetValue(name, out var v) ? v : []);
    }

    [Fact]
    public void Fields_posted_with_the_values_in_force_change_nothing()
    {
        var (json, changed, errors) = Post(("name", ["box"]), ("fax.t38", ["on-cng"]), ("fax.ecm", ["false", "true"]), ("fax.maxDatagram", ["400"]), ("media.codecs", ["0,8"]), ("sip.accounts[0].password", [""]));
        Assert.Empty(errors);
        Assert.Empty(changed);
        Assert.False(JsonNode.Parse(json)!["fax"]!.AsObject().ContainsKey("maxDatagram"), "a default not in the file stays out of it");
    }

    [Fact]
    public void Changed_fields_are_written_typed_by_kind_and_new_objects_are_created()
    {
        var (json, changed, errors) = Post(("fax.t38", ["never"]), ("fax.ecm", ["false"]), ("fax.maxDatagram", ["300"]), ("media.codecs", ["8, 0, 18"]), ("sip.accounts[0].password", ["new-secret"]), ("faxServer.smtp.host", ["smtp.lan"]));
        Assert.Empty(errors);
        Assert.Equal(["fax.t38", "fax.ecm", "fax.maxDatagram", "media.codecs", "sip.accounts[0].password", "faxServer.smtp.host"], changed);
        var root = JsonNode.Parse(json)!;
        Assert.Equal("never", (string?)root["fax"]!["t38"]);
        Assert.False((bool)root["fax"]!["ecm"]!);
        Assert.Equal(300, (int)root["fax"]!["maxDatagram"]!);
        Assert.Equal([8, 0, 18], root["media"]!["codecs"]!.AsArray().Select(n => (int)n!));
        Assert.Equal("new-secret", (string?)root["sip"]!["accounts"]![0]!["password"]);
        Assert.Equal("smtp.lan", (string?)root["faxServer"]!["smtp"]!["host"]);
        Assert.Equal("box", (string?)root["name"]);
    }

    [Fact]
    public void A_number_that_is_not_one_is_kept_as_text_for_the_box_to_refuse_by_key()
    {
        var (json, changed, _) = Post(("fax.maxDatagram", ["four hundred"]));
        Assert.Equal(["fax.maxDatagram"], changed);
        Assert.Equal("four hundred", (string?)JsonNode.Parse(json)!["fax"]!["maxDatagram"]);
    }

    [Fact]
    public void A_list_element_the_file_lacks_is_an_error_at_its_key()
    {
        var (_, changed, errors) = Post(("ports[3].number", ["202"]));
        Assert.Empty(changed);
        var error = Assert.Single(errors);
        Assert.Equal("ports[3].number", error.Key);
        Assert.Contains("JSON view", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Field_ids_are_html_safe()
    {
        Assert.Equal("f-sip-accounts-0--password", SettingsForm.FieldId("sip.accounts[0].password"));
    }
}
