using FaxBox.Core;
using FaxBox.Host.Configuration;
using FaxBox.Host.Hosting;
using FaxBox.Host.Tests.Configuration;
using Microsoft.Extensions.Logging;

namespace FaxBox.Host.Tests.Hosting;

/// <summary><see cref="ConfigurationWatcher"/>: re-loads on change or SIGHUP; a broken edit keeps the running configuration.</summary>
[Collection(SignalTests.Name)]
public sealed class ConfigurationWatcherTests : IDisposable
{
    private static readonly string Changed = ConfigurationSamples.Minimal.Replace("\"number\": \"201\"", "\"number\": \"202\"", StringComparison.Ordinal);

    private readonly TempFolder _folder = TestPaths.NewTempFolder();
    private readonly ManualTimeProvider _clock = new();
    private readonly ListLogger _log = new();
    private readonly List<(FaxBoxConfiguration Old, FaxBoxConfiguration New)> _applied = [];
    private readonly string _file;
    private readonly FaxBoxConfiguration _initial;
    private IReadOnlyList<string> _restartKeys = [];

    public ConfigurationWatcherTests()
    {
        _file = _folder.File("faxbox.json");
        File.WriteAllText(_file, ConfigurationSamples.Minimal);
        _initial = FaxBoxConfiguration.Load(_file).GetOrThrow();
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_broken_edit_is_logged_as_file_key_reason_and_the_running_configuration_is_kept()
    {
        using var watcher = Create();
        File.WriteAllText(_file, ConfigurationSamples.Minimal.Replace("\"port\": 1", "\"port\": \"one\"", StringComparison.Ordinal));

        Assert.Equal(ConfigurationReloadOutcome.Rejected, watcher.Reload("test"));

        Assert.Same(_initial, watcher.Current);
        Assert.Empty(_applied);
        Assert.Contains(_log.Entries, e => e.Level == LogLevel.Error && e.EventId == LogEventIds.Host + 101
            && e.Message == $"configuration: {_file}: ports[1].port: must be a whole number, found the string \"one\"");
        Assert.Contains(_log.Entries, e => e.EventId == LogEventIds.Host + 102 && e.Message.Contains("keeping the running configuration", StringComparison.Ordinal));
    }

    [Fact]
    public void A_valid_edit_goes_to_the_callback_with_old_and_new_and_becomes_current()
    {
        using var watcher = Create();
        File.WriteAllText(_file, Changed);

        Assert.Equal(ConfigurationReloadOutcome.Applied, watcher.Reload("test"));

        var (old, @new) = Assert.Single(_applied);
        Assert.Same(_initial, old);
        Assert.Equal("202", @new.Gateway.Ports[0].Number);
        Assert.Same(@new, watcher.Current);
        Assert.Contains(_log.Entries, e => e.EventId == LogEventIds.Host + 104 && e.Message.EndsWith("changed: ports[0]", StringComparison.Ordinal));
        Assert.DoesNotContain(_log.Entries, e => e.EventId == LogEventIds.Host + 105);
    }

    [Fact]
    public void The_keys_the_callback_says_need_a_restart_are_logged()
    {
        using var watcher = Create();
        _restartKeys = ["sip.accounts[0]", "media.address"];
        File.WriteAllText(_file, Changed);

        watcher.Reload("test");

        Assert.Contains(_log.Entries, e => e.Level == LogLevel.Warning && e.EventId == LogEventIds.Host + 105
            && e.Message.StartsWith("configuration: sip.accounts[0], media.address changed and take effect only after a restart", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unchanged_file_is_not_applied_again()
    {
        using var watcher = Create();
        File.WriteAllText(_file, "// touched\n" + ConfigurationSamples.Minimal);

        Assert.Equal(ConfigurationReloadOutcome.Unchanged, watcher.Reload("test"));
        Assert.Empty(_applied);
    }

    [Fact]
    public void A_callback_that_throws_keeps_the_running_configuration()
    {
        using var watcher = new ConfigurationWatcher(_file, _initial, (_, _) => throw new InvalidOperationException("port busy"), _clock, _log, null, null);
        File.WriteAllText(_file, Changed);

        Assert.Equal(ConfigurationReloadOutcome.ApplyFailed, watcher.Reload("test"));
        Assert.Same(_initial, watcher.Current);
        Assert.Contains(_log.Entries, e => e.EventId == LogEventIds.Host + 106);
    }

    [Fact]
    public void A_file_change_is_read_once_the_file_has_been_quiet_for_the_debounce_time()
    {
        using var watcher = Create(new ConfigurationWatcherOptions { Debounce = TimeSpan.FromMilliseconds(500), ReloadOnSighup = false });
        using var noticed = new ManualResetEventSlim();
        watcher.ChangeNoticed += noticed.Set;
        watcher.Start();

        ReplaceFile(Changed); // one rename, as editors and config managers write: one event
        Assert.True(noticed.Wait(TimeSpan.FromSeconds(10)), "the file change was not noticed");
        _clock.Advance(TimeSpan.FromMilliseconds(499));
        Assert.Empty(_applied);
        _clock.Advance(TimeSpan.FromMilliseconds(1));

        var (_, @new) = Assert.Single(_applied);
        Assert.Equal("202", @new.Gateway.Ports[0].Number);
    }

    [Fact]
    public void SIGHUP_reloads_at_once()
    {
        using var watcher = Create(new ConfigurationWatcherOptions { Debounce = TimeSpan.FromHours(1) });
        using var reloaded = new ManualResetEventSlim();
        var outcome = ConfigurationReloadOutcome.Rejected;
        watcher.Reloaded += o => { outcome = o; reloaded.Set(); };
        watcher.Start();
        File.WriteAllText(_file, Changed);

        SignalTests.Kill("HUP");

        Assert.True(reloaded.Wait(TimeSpan.FromSeconds(10)), "SIGHUP did not reload");
        Assert.Equal(ConfigurationReloadOutcome.Applied, outcome);
        Assert.Contains(_log.Entries, e => e.EventId == LogEventIds.Host + 104 && e.Message.Contains("(SIGHUP)", StringComparison.Ordinal));
    }

    [Fact]
    public void Systemd_hears_RELOADING_then_READY_and_a_STATUS_for_a_rejected_edit()
    {
        using var systemd = NotifySocketListener.AtPath();
        using var notifier = new SystemdNotifier(systemd.NotifySocket, null, null, Environment.ProcessId, _clock, _log);
        using var watcher = new ConfigurationWatcher(_file, _initial, Apply, _clock, _log, null, notifier);

        File.WriteAllText(_file, Changed);
        watcher.Reload("test");
        Assert.StartsWith("RELOADING=1\nMONOTONIC_USEC=", systemd.Receive(), StringComparison.Ordinal);
        Assert.Equal("READY=1\nSTATUS=configuration reloaded", systemd.Receive());

        File.WriteAllText(_file, "{ broken");
        watcher.Reload("test");
        Assert.Equal($"STATUS=configuration {_file} rejected (1 error(s), see the log); running the previous one", systemd.Receive());
        Assert.Equal(0, systemd.Pending);
    }

    private ConfigurationWatcher Create(ConfigurationWatcherOptions? options = null) =>
        new(_file, _initial, Apply, _clock, _log, options, null);

    private IReadOnlyList<string> Apply(FaxBoxConfiguration old, FaxBoxConfiguration @new)
    {
        lock (_applied)
        {
            _applied.Add((old, @new));
        }

        return _restartKeys;
    }

    private void ReplaceFile(string text)
    {
        var temporary = _folder.File(".faxbox.json.tmp");
        File.WriteAllText(temporary, text);
        File.Move(temporary, _file, overwrite: true);
    }
}
