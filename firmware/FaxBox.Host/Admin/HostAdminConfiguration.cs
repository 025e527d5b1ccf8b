using System.Text.Json;
using System.Text.Json.Nodes;
using FaxBox.Admin.Settings;
using FaxBox.Host.Configuration;
using FaxBox.Host.Hosting;

namespace FaxBox.Host.Admin;

/// <summary>
/// The settings pages' view of the box's configuration file. Validation is <see cref="FaxBoxConfiguration.Parse"/>
/// (the same rules and <c>FILE: KEY: REASON</c> errors as <c>faxbox config check</c>). A save keeps the file it replaces
/// as <c>FILE.previous</c>, writes the new one atomically (temporary file in the same folder, fsync, rename, fsync of the
/// folder) and has the <see cref="ConfigurationWatcher"/> reload it at once, which applies what the running box can
/// apply live (<see cref="ConfigurationDiff"/>) and reports the rest as waiting for a restart. A box started on the
/// built-in default saves to <c>faxbox.json</c> in the default data folder (<see cref="DefaultSavePath"/>), which
/// <c>faxbox run</c> without <c>--config</c> uses from then on. Saves never overlap.
/// </summary>
internal sealed class HostAdminConfiguration : IAdminConfiguration
{
    private readonly ConfigurationWatcher _watcher;
    private readonly SemaphoreSlim _saving = new(1, 1);

    /// <summary>Saves to <paramref name="savePath"/>, which <paramref name="watcher"/> watches.</summary>
    public HostAdminConfiguration(string savePath, ConfigurationWatcher watcher)
    {
        ArgumentException.ThrowIfNullOrEmpty(savePath);
        ArgumentNullException.ThrowIfNull(watcher);
        SavePath = Path.GetFullPath(savePath);
        _watcher = watcher;
    }

    /// <summary>The file a save writes.</summary>
    public string SavePath { get; }

    /// <summary>The configuration in force.</summary>
    public FaxBoxConfiguration Current => _watcher.Current;

    /// <summary>Where a box started without <c>--config</c> keeps the configuration saved from the admin site.</summary>
    public static string DefaultSavePath() => Path.Combine(FaxBoxConfiguration.LoadEmbeddedDefault().DataFolder, "faxbox.json");

    public AdminConfigurationView Read()
    {
        var current = Current;
        return new AdminConfigurationView
        {
            Source = current.Source == FaxBoxConfiguration.EmbeddedDefaultSource ? "the built-in default" : current.Source,
            SavePath = SavePath,
            IsBuiltInDefault = current.Source == FaxBoxConfiguration.EmbeddedDefaultSource,
            Settings = ConfigurationSettings.List(current),
            DocumentJson = ConfigurationSecrets.Redact(CurrentText()),
            Lists = DocumentSettings.Lists(current),
        };
    }

    public IReadOnlyList<AdminSetting> Describe(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return DocumentSettings.List(json, Current);
    }

    public IReadOnlyList<AdminConfigurationError> Validate(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Check(json, out _, out _);
    }

    public async Task<AdminSaveResult> SaveAsync(string json, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(json);
        await _saving.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var errors = Check(json, out var text, out var next);
            if (errors.Count > 0)
            {
                return new AdminSaveResult { Errors = errors };
            }

            var old = Current;
            var changed = ConfigurationDiff.Changes(old, next!);
            var previous = File.Exists(SavePath) ? SavePath + ".previous" : null;
            if (previous is not null)
            {
                WriteAtomically(previous, await File.ReadAllBytesAsync(SavePath, cancellationToken).ConfigureAwait(false));
            }

            WriteAtomically(SavePath, System.Text.Encoding.UTF8.GetBytes(text!));
            var outcome = _watcher.Reload("admin site");
            if (outcome is ConfigurationReloadOutcome.Rejected or ConfigurationReloadOutcome.ApplyFailed)
            {
                // Validated a moment ago: only a concurrent edit of the file or a failing apply gets here.
                return new AdminSaveResult
                {
                    Errors = [new AdminConfigurationError("(file)", $"saved, but the running box could not apply it ({outcome}); see the log", $"{SavePath}: (file): saved, but not applied ({outcome})")],
                };
            }

            var restart = outcome == ConfigurationReloadOutcome.Applied ? _watcher.LastNeedsRestart : [];
            var keys = ChangedKeys(old, next!, changed);
            return new AdminSaveResult
            {
                SavedTo = SavePath,
                PreviousCopy = previous,
                Changed = keys,
                NeedsRestart = [.. keys.Where(k => restart.Any(r => Covers(r, k)))],
                AppliedLive = [.. keys.Where(k => !restart.Any(r => Covers(r, k)))],
            };
        }
        finally
        {
            _saving.Release();
        }
    }

    public string ExportBackup() => CurrentText();

    public Task<AdminSaveResult> RestoreAsync(string backup, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(backup);
        if (backup.Contains(IAdminConfiguration.SecretPlaceholderFrom, StringComparison.Ordinal) || backup.Contains(IAdminConfiguration.SecretPlaceholder, StringComparison.Ordinal))
        {
            // A backup carries its secrets: a placeholder means the file is a page's redacted view, not a backup.
            var error = "a backup holds the secrets themselves; this file has the settings page's placeholder instead";
            return Task.FromResult(new AdminSaveResult { Errors = [new AdminConfigurationError("(file)", error, $"backup: (file): {error}")] });
        }

        return SaveAsync(backup, cancellationToken);
    }

    /// <summary>The text of the configuration in force: the saved file, or the built-in default's text.</summary>
    private string CurrentText() => File.Exists(Current.Source) ? File.ReadAllText(Current.Source) : FaxBoxConfiguration.EmbeddedDefaultText();

    /// <summary>Puts the secrets back, validates; the text to save and its configuration, or the errors.</summary>
    private List<AdminConfigurationError> Check(string json, out string? text, out FaxBoxConfiguration? configuration)
    {
        text = null;
        configuration = null;
        JsonNode? edited;
        try
        {
            edited = ConfigurationSecrets.Parse(json);
        }
        catch (JsonException)
        {
            // The loader reports the place (line, column) in its own words.
            return [.. FaxBoxConfiguration.Parse(json, SavePath).Errors.Select(ToAdmin)];
        }

        var missing = ConfigurationSecrets.Restore(edited, ConfigurationSecrets.Parse(CurrentText()));
        if (missing.Count > 0)
        {
            return [.. missing.Select(key => ToAdmin(new ConfigurationError(SavePath, key, "no secret is set here to keep: type the secret itself")))];
        }

        text = json.Contains(IAdminConfiguration.SecretPlaceholder, StringComparison.Ordinal) || json.Contains(IAdminConfiguration.SecretPlaceholderFrom, StringComparison.Ordinal)
            ? edited?.ToJsonString(ConfigurationSecrets.WriteOptions) ?? "null"
            : json; // unchanged text keeps the administrator's comments
        var result = FaxBoxConfiguration.Parse(text, SavePath);
        configuration = result.Configuration;
        return [.. result.Errors.Select(ToAdmin)];
    }

    /// <summary>
    /// The settings whose values differ (<c>fax.t38</c>, not just <c>fax</c>), plus the coarse keys of
    /// <see cref="ConfigurationDiff.Changes"/> no setting shows (a secret, a list grown or shrunk).
    /// </summary>
    private static List<string> ChangedKeys(FaxBoxConfiguration old, FaxBoxConfiguration next, IReadOnlyList<string> coarse)
    {
        var before = ConfigurationSettings.List(old).ToDictionary(s => s.Path, StringComparer.Ordinal);
        var after = ConfigurationSettings.List(next);
        var keys = after.Where(s => !before.TryGetValue(s.Path, out var b) || b.Value != s.Value || b.IsSet != s.IsSet).Select(s => s.Path).ToList();
        var afterPaths = after.Select(s => s.Path).ToHashSet(StringComparer.Ordinal);
        keys.AddRange(before.Keys.Where(p => !afterPaths.Contains(p)));
        keys.AddRange(coarse.Where(c => !keys.Any(k => Covers(c, k))));
        return keys;
    }

    /// <summary>Whether key <paramref name="key"/> is <paramref name="section"/> or inside it (<c>fax</c> covers <c>fax.t38</c>, <c>ports</c> covers <c>ports[0].number</c>).</summary>
    private static bool Covers(string section, string key) =>
        key == section || (key.StartsWith(section, StringComparison.Ordinal) && key.Length > section.Length && key[section.Length] is '.' or '[');

    private static AdminConfigurationError ToAdmin(ConfigurationError error) => new(error.Key, error.Reason, error.ToString());

    /// <summary>The fax server's durable write (temporary file, fsync, rename, fsync of the folder), keeping the replaced file's permissions (it holds secrets).</summary>
    internal static void WriteAtomically(string path, byte[] content)
    {
        var mode = !OperatingSystem.IsWindows() && File.Exists(path) ? File.GetUnixFileMode(path) : (UnixFileMode?)null;
        Directory.CreateDirectory(Path.GetDirectoryName(path) ?? ".");
        FaxBox.FaxServer.Inbox.DurableFile.WriteAllBytes(path, content);
        if (mode is { } keep && !OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, keep);
        }
    }
}
