namespace FaxBox.Admin.Settings;

/// <summary>The configuration in force, as the settings pages show it.</summary>
public sealed record AdminConfigurationView
{
    /// <summary>Where the running configuration came from: a file path, or the built-in default.</summary>
    public required string Source { get; init; }

    /// <summary>The file a save writes (the configuration file, or the data folder's file when the box runs the built-in default).</summary>
    public required string SavePath { get; init; }

    /// <summary>True when the box runs the built-in default: the first save creates <see cref="SavePath"/>.</summary>
    public required bool IsBuiltInDefault { get; init; }

    /// <summary>Every setting, in file order, with its effective value.</summary>
    public required IReadOnlyList<AdminSetting> Settings { get; init; }

    /// <summary>The configuration document (the file's keys only), secrets replaced by <see cref="IAdminConfiguration.SecretPlaceholder"/>.</summary>
    public required string DocumentJson { get; init; }

    /// <summary>The configuration's lists of objects, whose entries the forms add and remove.</summary>
    public IReadOnlyList<AdminSettingList> Lists { get; init; } = [];

    /// <summary>The setting at <paramref name="path"/>, or null.</summary>
    public AdminSetting? Find(string path) => Settings.FirstOrDefault(s => s.Path == path);
}
