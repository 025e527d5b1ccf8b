namespace FaxBox.Host.Hosting;

/// <summary>How <see cref="ConfigurationWatcher"/> notices a changed configuration file.</summary>
public sealed class ConfigurationWatcherOptions
{
    /// <summary>
    /// How long the file must be quiet after a change before it is read (editors write in several steps: truncate,
    /// write, rename). Default 500 ms.
    /// </summary>
    public TimeSpan Debounce { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Whether SIGHUP (systemd's <c>ExecReload=kill -HUP $MAINPID</c>) reloads the file at once. Default true.</summary>
    public bool ReloadOnSighup { get; set; } = true;
}
