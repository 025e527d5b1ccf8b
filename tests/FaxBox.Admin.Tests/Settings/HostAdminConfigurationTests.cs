using System.Text.Json;
using FaxBox.Admin.Api;
using FaxBox.Admin.Settings;
using FaxBox.CallControl.Configuration;
using FaxBox.Host.Admin;
using FaxBox.Host.Configuration;
using FaxBox.Host.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace FaxBox.Admin.Tests.Settings;

/// <summary>
/// The host's settings backend over a real configuration file and its <see cref="ConfigurationWatcher"/>: validation
/// with the loader's keys, atomic save with the previous file kept, live apply and restart keys, secrets kept out of
/// views, backup and restore.
/// </summary>
public sealed class HostAdminConfigurationTests : IDisposable
{
    private readonly TempFolder _folder = TestPaths.NewTempFolder();
    private readonly List<GatewayOptions> _applied = [];
    private readonly ConfigurationWatcher _watcher;
    private readonly HostAdminConfiguration _configuration;

    public HostAdminConfigurationTests()
    {
        File.WriteAllText(ConfigPath, Infrastructure.RunningBox.Configuration(_folder.File("data")));
        _watcher = new ConfigurationWatcher(ConfigPath, FaxBoxConfiguration.Load(ConfigPath).GetOrThrow(), (_, next) => { _applied.Add(next.Gateway); return []; }, TimeProvider.System, NullLogger<ConfigurationWatcher>.Instance);
        _configuration = new HostAdminConfiguration(ConfigPath, _watcher);
    }

    private string ConfigPath => _folder.File("faxbox.json");

    [Fact]
    public void The_view_lists_every_setting_with_its_effective_value_and_never_a_secret()
    {
        var view = _configuration.Read();
        Assert.Equal("on-ced-or-preamble", view.Find("fax.t38")?.Value);
        Assert.Equal(AdminSettingKind.Choice, view.Find("fax.t38")?.Kind);
        Assert.Contains("never", view.Find("fax.t38")!.Choices);
        Assert.Equal("5s", view.Find("fax.t38Timeout")?.Value); // a default the file does not name
        Assert.Equal(AdminSettingKind.Duration, view.Find("fax.t38Timeout")?.Kind);
        Assert.Equal("x.", view.Find("dialPlan.patterns")?.Value);
        var secret = view.Find("sip.accounts[0].password");
        Assert.Equal(AdminSettingKind.Secret, secret?.Kind);
        Assert.True(secret!.IsSet);
        Assert.Null(secret.Value);
        Assert.True(view.Find("faxServer.smtp.password")!.IsSet);
        var json = JsonSerializer.Serialize(view, ApiJson.Options);
        Assert.DoesNotContain("trunk-secret-1", json, StringComparison.Ordinal);
        Assert.DoesNotContain("smtp-secret-2", json, StringComparison.Ordinal);
        Assert.Contains(IAdminConfiguration.SecretPlaceholder, view.DocumentJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_valid_change_is_saved_atomically_with_the_previous_file_kept_and_applied_live()
    {
        var before = await File.ReadAllTextAsync(ConfigPath);
        var edited = _configuration.Read().DocumentJson.Replace("on-ced-or-preamble", "never", StringComparison.Ordinal);

        var result = await _configuration.SaveAsync(edited, CancellationToken.None);

        Assert.True(result.Saved, string.Join("; ", result.Errors));
        Assert.Equal(["fax.t38"], result.Changed);
        Assert.Equal(["fax.t38"], result.AppliedLive);
        Assert.Empty(result.NeedsRestart);
        Assert.Equal(before, await File.ReadAllTextAsync(ConfigPath + ".previous"));
        Assert.Equal(T38Initiation.Never, _configuration.Current.Gateway.Fax.T38);
        Assert.Equal(T38Initiation.Never, Assert.Single(_applied).Fax.T38);
        var saved = await File.ReadAllTextAsync(ConfigPath);
        Assert.Contains("trunk-secret-1", saved, StringComparison.Ordinal); // the placeholder kept the secret
        Assert.Contains("smtp-secret-2", saved, StringComparison.Ordinal);
        Assert.DoesNotContain(IAdminConfiguration.SecretPlaceholder, saved, StringComparison.Ordinal);
        Assert.Equal(["faxbox.json", "faxbox.json.previous"], _folder.Files().Where(f => f.StartsWith("faxbox", StringComparison.Ordinal)));
        Assert.DoesNotContain(_folder.Files(), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_change_that_needs_a_restart_is_reported_as_such()
    {
        var edited = _configuration.Read().DocumentJson.Replace("\"name\": \"settingsbox\"", "\"name\": \"renamed\"", StringComparison.Ordinal)
            .Replace("\"ecm\": true", "\"ecm\": false", StringComparison.Ordinal);

        var result = await _configuration.SaveAsync(edited, CancellationToken.None);

        Assert.True(result.Saved, string.Join("; ", result.Errors));
        Assert.Equal(["name"], result.NeedsRestart);
        Assert.Equal(["fax.ecm"], result.AppliedLive);
    }

    [Fact]
    public async Task An_invalid_change_is_refused_with_file_key_and_reason_and_nothing_is_written()
    {
        var before = await File.ReadAllBytesAsync(ConfigPath);
        var edited = _configuration.Read().DocumentJson.Replace("\"ecm\": true", "\"ecm\": true, \"t38Timeout\": \"soon\"", StringComparison.Ordinal);

        var errors = _configuration.Validate(edited);
        var result = await _configuration.SaveAsync(edited, CancellationToken.None);

        var error = Assert.Single(errors);
        Assert.Equal("fax.t38Timeout", error.Key);
        Assert.StartsWith($"{ConfigPath}: fax.t38Timeout: must be", error.Text, StringComparison.Ordinal);
        Assert.False(result.Saved);
        Assert.Equal("fax.t38Timeout", Assert.Single(result.Errors).Key);
        Assert.Equal(before, await File.ReadAllBytesAsync(ConfigPath));
        Assert.False(File.Exists(ConfigPath + ".previous"));
        Assert.Empty(_applied);
    }

    [Fact]
    public async Task A_placeholder_where_no_secret_is_set_is_refused_at_its_key()
    {
        var edited = _configuration.Read().DocumentJson.Replace("\"mqtt\": {", $"\"mqtt\": {{ \"password\": \"{IAdminConfiguration.SecretPlaceholder}\",", StringComparison.Ordinal);

        var result = await _configuration.SaveAsync(edited, CancellationToken.None);

        Assert.Equal("mqtt.password", Assert.Single(result.Errors).Key);
    }

    [Fact]
    public async Task Backup_then_restore_brings_back_the_file_byte_for_byte()
    {
        var backup = _configuration.ExportBackup();
        Assert.Contains("trunk-secret-1", backup, StringComparison.Ordinal);
        Assert.Contains("// Written by the admin tests", backup, StringComparison.Ordinal); // the file itself, comments and all
        Assert.True((await _configuration.SaveAsync(_configuration.Read().DocumentJson.Replace("on-ced-or-preamble", "on-cng", StringComparison.Ordinal), CancellationToken.None)).Saved);
        Assert.Equal(T38Initiation.OnCng, _configuration.Current.Gateway.Fax.T38);

        var result = await _configuration.RestoreAsync(backup, CancellationToken.None);

        Assert.True(result.Saved, string.Join("; ", result.Errors));
        Assert.Equal(["fax.t38"], result.Changed);
        Assert.Equal(backup, await File.ReadAllTextAsync(ConfigPath));
        Assert.Equal(T38Initiation.OnCedOrPreamble, _configuration.Current.Gateway.Fax.T38);
    }

    [Theory]
    [InlineData("{ \"name\": \"half", "line 1, column")]
    [InlineData("[1, 2, 3]", "$")]
    [InlineData("{ \"name\": \"x\" }", "sip")]
    [InlineData("{ \"name\": \"x\", \"password\": \"(unchanged secret)\", \"sip\": { \"accounts\": [] } }", "(file)")]
    public async Task A_corrupt_or_invalid_restore_is_refused_and_nothing_changes(string backup, string key)
    {
        var before = await File.ReadAllBytesAsync(ConfigPath);

        var result = await _configuration.RestoreAsync(backup, CancellationToken.None);

        Assert.False(result.Saved);
        Assert.Contains(result.Errors, e => e.Key.StartsWith(key, StringComparison.Ordinal));
        Assert.Equal(before, await File.ReadAllBytesAsync(ConfigPath));
        Assert.False(File.Exists(ConfigPath + ".previous"));
        Assert.Empty(_applied);
    }

    [Fact]
    public async Task A_box_on_the_built_in_default_saves_a_new_file_and_runs_it()
    {
        var path = _folder.File("saved/faxbox.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var watcher = new ConfigurationWatcher(path, FaxBoxConfiguration.LoadEmbeddedDefault(), (_, next) => [], TimeProvider.System, NullLogger<ConfigurationWatcher>.Instance);
        var configuration = new HostAdminConfiguration(path, watcher);
        var view = configuration.Read();
        Assert.True(view.IsBuiltInDefault);
        Assert.Equal(path, view.SavePath);

        var result = await configuration.SaveAsync(view.DocumentJson.Replace("\"x.\"", "\"9x.\"", StringComparison.Ordinal), CancellationToken.None);

        Assert.True(result.Saved, string.Join("; ", result.Errors));
        Assert.Null(result.PreviousCopy);
        Assert.Equal(["dialPlan.patterns"], result.Changed);
        Assert.Equal(path, configuration.Current.Source);
        Assert.False(configuration.Read().IsBuiltInDefault);
        Assert.EndsWith(Path.Combine(".local", "share", "faxbox", "faxbox.json"), HostAdminConfiguration.DefaultSavePath(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_document_is_described_with_the_same_keys_kinds_and_values_as_the_configuration_in_force()
    {
        var view = _configuration.Read();
        var described = _configuration.Describe(view.DocumentJson);
        Assert.Equal(view.Settings.Select(s => (s.Path, s.Kind, s.Value, s.IsSet)), described.Select(s => (s.Path, s.Kind, s.Value, s.IsSet)));
        Assert.Equal(["sip.accounts", "faxServer.routing.rules", "ports"], view.Lists.Select(l => l.Path));
        Assert.Equal("SIP account", view.Lists[0].Noun);
    }

    [Fact]
    public void A_draft_with_a_new_entry_and_a_wrong_value_is_described_as_written_with_class_defaults_for_what_it_leaves_out()
    {
        var (draft, index) = SettingsDraft.Add(_configuration.Read().DocumentJson.Replace("\"ecm\": true", "\"ecm\": true, \"maxDatagram\": \"big\"", StringComparison.Ordinal), _configuration.Read().Lists[0]);
        Assert.Equal(1, index);

        var described = _configuration.Describe(draft).ToDictionary(s => s.Path);

        Assert.Equal("5060", described["sip.accounts[1].port"].Value);
        Assert.Equal(string.Empty, described["sip.accounts[1].username"].Value);
        Assert.False(described["sip.accounts[1].password"].IsSet);
        Assert.True(described["sip.accounts[0].password"].IsSet);
        Assert.Equal("big", described["fax.maxDatagram"].Value);
        Assert.Equal("5s", described["fax.t38Timeout"].Value); // left out of the file: the value in force
        Assert.ThrowsAny<JsonException>(() => _configuration.Describe("{ \"name\": "));
    }

    [Fact]
    public async Task Removing_an_account_keeps_each_remaining_account_its_own_secret()
    {
        var root = System.Text.Json.Nodes.JsonNode.Parse(_configuration.Read().DocumentJson)!;
        root["sip"]!["accounts"]!.AsArray().Add(System.Text.Json.Nodes.JsonNode.Parse("{ \"name\": \"second\", \"username\": \"two\", \"port\": 0, \"password\": \"second-secret\" }"));
        var added = await _configuration.SaveAsync(root.ToJsonString(), CancellationToken.None);
        Assert.True(added.Saved, string.Join("; ", added.Errors));

        var draft = SettingsDraft.Remove(_configuration.Read().DocumentJson, _configuration.Read().Lists[0], 0);
        Assert.Contains("(unchanged secret of sip.accounts[1].password)", draft, StringComparison.Ordinal);
        var result = await _configuration.SaveAsync(draft, CancellationToken.None);

        Assert.True(result.Saved, string.Join("; ", result.Errors));
        var saved = await File.ReadAllTextAsync(ConfigPath);
        Assert.Contains("second-secret", saved, StringComparison.Ordinal);
        Assert.DoesNotContain("trunk-secret-1", saved, StringComparison.Ordinal);
        Assert.Equal("second", Assert.Single(_configuration.Current.Gateway.Accounts).Name);
        Assert.Equal("second-secret", _configuration.Current.Gateway.Accounts[0].Password);
    }

    [Theory]
    [InlineData("\"name\": \"(unchanged secret of faxServer.smtp.password)\"", "name")]
    [InlineData("\"mqtt\": { \"password\": \"(unchanged secret of name)\" }, \"x\": {", "mqtt.password")]
    [InlineData("\"mqtt\": { \"password\": \"(unchanged secret of sip.accounts[9].password)\" }, \"x\": {", "mqtt.password")]
    [InlineData("\"mqtt\": { \"password\": \"(unchanged secret of sip.accounts[x.password)\" }, \"x\": {", "mqtt.password")]
    [InlineData("\"mqtt\": { \"password\": \"(unchanged secret of sip.accounts[0].password)\" }, \"x\": {", "mqtt.password")] // another key's secret, which is set
    [InlineData("\"mqtt\": { \"password\": \"(unchanged secret of faxServer.smtp.password)\" }, \"x\": {", "mqtt.password")]
    public async Task A_labelled_placeholder_takes_a_secret_only_from_the_same_key_of_its_own_or_a_later_entry(string replacement, string key)
    {
        var before = await File.ReadAllBytesAsync(ConfigPath);
        var document = _configuration.Read().DocumentJson;
        var edited = replacement.StartsWith("\"name\"", StringComparison.Ordinal)
            ? document.Replace("\"name\": \"settingsbox\"", replacement, StringComparison.Ordinal)
            : document.Replace("\"mqtt\": {", replacement, StringComparison.Ordinal);
        Assert.NotEqual(document, edited);

        var result = await _configuration.SaveAsync(edited, CancellationToken.None);

        Assert.False(result.Saved);
        Assert.Contains(result.Errors, e => e.Key == key);
        Assert.Equal(before, await File.ReadAllBytesAsync(ConfigPath));
    }

    public void Dispose()
    {
        _watcher.Dispose();
        _folder.Dispose();
    }
}
