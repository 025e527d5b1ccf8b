using System.Runtime.InteropServices;
using FaxBox.Host.Configuration;
using Microsoft.Extensions.Logging;

namespace FaxBox.Host.Hosting;

/// <summary>
/// Keeps the running configuration in step with its file. A change to the file (a <see cref="FileSystemWatcher"/> on
/// its folder, so editors that write a temporary file and rename it are seen too), once the file has been quiet for
/// <see cref="ConfigurationWatcherOptions.Debounce"/> on the injected clock, or SIGHUP, re-loads and validates it.
/// A broken edit is logged, every error as FILE: KEY: REASON, and the running configuration is kept. A valid edit that
/// changes something is handed to the apply callback (old, new → the changed keys that need a restart, see
/// <see cref="ConfigurationDiff.NeedsRestart(FaxBoxConfiguration, FaxBoxConfiguration)"/>), which applies what it can
/// live; the watcher logs the rest as waiting for a restart. With a <see cref="SystemdNotifier"/>, the reload is
/// reported as <c>RELOADING=1</c> … <c>READY=1</c>. Reloads never overlap.
/// </summary>
public sealed partial class ConfigurationWatcher : IDisposable
{
    private readonly string _path;
    private readonly Func<FaxBoxConfiguration, FaxBoxConfiguration, IReadOnlyList<string>> _apply;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConfigurationWatcherOptions _options;
    private readonly SystemdNotifier? _notifier;
    private readonly Lock _reloadLock = new();
    private readonly Lock _stateLock = new();
    private FaxBoxConfiguration _current;
    private IReadOnlyList<string> _lastNeedsRestart = [];
    private FileSystemWatcher? _watcher;
    private ITimer? _debounce;
    private PosixSignalRegistration? _sighup;
    private bool _disposed;

    /// <summary>Watches <paramref name="path"/>, whose content is running as <paramref name="current"/>; call <see cref="Start"/>.</summary>
    public ConfigurationWatcher(
        string path,
        FaxBoxConfiguration current,
        Func<FaxBoxConfiguration, FaxBoxConfiguration, IReadOnlyList<string>> apply,
        TimeProvider timeProvider,
        ILogger<ConfigurationWatcher> logger,
        ConfigurationWatcherOptions? options = null,
        SystemdNotifier? notifier = null)
        : this(path, current, apply, timeProvider, (ILogger)logger, options, notifier)
    {
    }

    internal ConfigurationWatcher(
        string path,
        FaxBoxConfiguration current,
        Func<FaxBoxConfiguration, FaxBoxConfiguration, IReadOnlyList<string>> apply,
        TimeProvider timeProvider,
        ILogger logger,
        ConfigurationWatcherOptions? options,
        SystemdNotifier? notifier)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(apply);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _path = Path.GetFullPath(path);
        _current = current;
        _apply = apply;
        _time = timeProvider;
        _logger = logger;
        _options = options ?? new ConfigurationWatcherOptions();
        _notifier = notifier;
    }

    /// <summary>The configuration in force: the last valid one applied.</summary>
    public FaxBoxConfiguration Current
    {
        get
        {
            lock (_stateLock)
            {
                return _current;
            }
        }
    }

    /// <summary>The changed keys the last applied reload left waiting for a restart (the admin site reports them).</summary>
    internal IReadOnlyList<string> LastNeedsRestart
    {
        get
        {
            lock (_stateLock)
            {
                return _lastNeedsRestart;
            }
        }
    }

    /// <summary>Raised after each reload, on the thread that ran it (tests wait on it).</summary>
    internal event Action<ConfigurationReloadOutcome>? Reloaded;

    /// <summary>Raised when a file change has (re)started the debounce timer (tests wait on it).</summary>
    internal event Action? ChangeNoticed;

    /// <summary>Starts watching the file (and SIGHUP, unless turned off).</summary>
    public void Start()
    {
        lock (_stateLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_watcher is not null)
            {
                return;
            }

            _debounce = _time.CreateTimer(static s => ((ConfigurationWatcher)s!).OnQuiet(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            var folder = Path.GetDirectoryName(_path) ?? "/";
            _watcher = new FileSystemWatcher(folder, Path.GetFileName(_path))
            {
                NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.CreationTime,
                IncludeSubdirectories = false,
            };
            _watcher.Changed += OnFileEvent;
            _watcher.Created += OnFileEvent;
            _watcher.Renamed += OnFileEvent;
            _watcher.Error += OnWatcherError;
            _watcher.EnableRaisingEvents = true;
            if (_options.ReloadOnSighup)
            {
                _sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnSighup);
            }
        }

        LogWatching(_logger, _path, _options.Debounce);
    }

    /// <summary>
    /// Reads and validates the file now and applies it if it is valid and differs; <paramref name="trigger"/> says why
    /// in the log ("file changed", "SIGHUP").
    /// </summary>
    public ConfigurationReloadOutcome Reload(string trigger)
    {
        ConfigurationReloadOutcome outcome;
        lock (_reloadLock)
        {
            outcome = ReloadLocked(trigger);
        }

        Reloaded?.Invoke(outcome);
        return outcome;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_stateLock)
        {
            _disposed = true;
            _sighup?.Dispose();
            _sighup = null;
            _watcher?.Dispose();
            _watcher = null;
            _debounce?.Dispose();
            _debounce = null;
        }
    }

    private ConfigurationReloadOutcome ReloadLocked(string trigger)
    {
        var old = Current;
        var result = FaxBoxConfiguration.Load(_path);
        if (result.Configuration is not { } next)
        {
            foreach (var error in result.Errors)
            {
                LogRejectedError(_logger, error.ToString());
            }

            LogRejected(_logger, _path, result.Errors.Count, trigger);
            _notifier?.Status($"configuration {_path} rejected ({result.Errors.Count} error(s), see the log); running the previous one");
            return ConfigurationReloadOutcome.Rejected;
        }

        var changes = ConfigurationDiff.Changes(old, next);
        if (changes.Count == 0)
        {
            LogUnchanged(_logger, _path, trigger);
            return ConfigurationReloadOutcome.Unchanged;
        }

        _notifier?.Reloading();
        IReadOnlyList<string> restart;
        try
        {
            restart = _apply(old, next);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogApplyFailed(_logger, e, _path);
            _notifier?.Ready($"configuration change failed to apply; running the previous one");
            return ConfigurationReloadOutcome.ApplyFailed;
        }

        restart = [.. restart.Union(ConfigurationDiff.NeedsRestart(old, next))];
        lock (_stateLock)
        {
            _current = next;
            _lastNeedsRestart = restart;
        }

        LogApplied(_logger, _path, trigger, string.Join(", ", changes));
        if (restart.Count > 0)
        {
            LogNeedsRestart(_logger, string.Join(", ", restart));
        }

        _notifier?.Ready(restart.Count > 0
            ? $"configuration reloaded; {string.Join(", ", restart)} apply after a restart"
            : "configuration reloaded");
        return ConfigurationReloadOutcome.Applied;
    }

    private void OnFileEvent(object sender, FileSystemEventArgs e)
    {
        if (!string.Equals(e.FullPath, _path, StringComparison.Ordinal))
        {
            return; // a rename away from the file, or an editor's temporary file
        }

        lock (_stateLock)
        {
            if (_disposed)
            {
                return;
            }

            _debounce?.Change(_options.Debounce, Timeout.InfiniteTimeSpan);
        }

        ChangeNoticed?.Invoke();
    }

    private void OnWatcherError(object sender, ErrorEventArgs e) => LogWatcherError(_logger, e.GetException(), _path);

    private void OnQuiet() => Reload("file changed");

    private void OnSighup(PosixSignalContext context)
    {
        context.Cancel = true; // SIGHUP's default action would end the process
        ThreadPool.UnsafeQueueUserWorkItem(static self => self.Reload("SIGHUP"), this, preferLocal: false);
    }
}
