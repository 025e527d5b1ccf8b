using Microsoft.Extensions.Logging;

namespace FaxBox.Host.Hosting;

/// <summary>
/// The console's minimum log level while the box runs: faxbox.json <c>logLevel</c>, changed live when the file changes,
/// unless <c>--log-level</c> was given on the command line (which then wins for the whole run).
/// </summary>
internal sealed class LogLevelSwitch(LogLevel level)
{
    private volatile int _level = (int)level;

    /// <summary>Messages at this level and above reach the console.</summary>
    public LogLevel Level
    {
        get => (LogLevel)_level;
        set => _level = (int)value;
    }
}
