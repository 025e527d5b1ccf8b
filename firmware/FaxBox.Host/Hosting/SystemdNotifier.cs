using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;

namespace FaxBox.Host.Hosting;

/// <summary>
/// The sd_notify(3) protocol, written from the man page: state changes (<c>READY=1</c>, <c>STATUS=…</c>,
/// <c>RELOADING=1</c> with <c>MONOTONIC_USEC</c>, <c>STOPPING=1</c>) and watchdog keep-alives (<c>WATCHDOG=1</c>) sent
/// as one datagram each, newline-separated <c>VARIABLE=value</c> lines, to the AF_UNIX datagram socket named by
/// <c>NOTIFY_SOCKET</c> (a path, or an abstract address when it starts with <c>@</c>). The watchdog is on when
/// <c>WATCHDOG_USEC</c> is set and <c>WATCHDOG_PID</c> is unset or this process (sd_watchdog_enabled(3)); then
/// <see cref="StartWatchdog"/> pings at half the interval, only while the health callback says the box is healthy, so
/// that a stuck media clock gets the service restarted. Without <c>NOTIFY_SOCKET</c> (not under systemd) every call is a
/// no-op that returns false. Sends never block: a full socket queue drops the message with a warning.
/// </summary>
public sealed partial class SystemdNotifier : IDisposable
{
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly UnixDomainSocketEndPoint? _endPoint;
    private Socket? _socket;
    private ITimer? _watchdogTimer;
    private Func<bool>? _isHealthy;
    private bool _wasHealthy = true;
    private long _watchdogPings;
    private bool _disposed;

    /// <summary>Reads <c>NOTIFY_SOCKET</c>, <c>WATCHDOG_USEC</c> and <c>WATCHDOG_PID</c> from this process's environment.</summary>
    public SystemdNotifier(TimeProvider timeProvider, ILogger<SystemdNotifier> logger)
        : this(
            Environment.GetEnvironmentVariable("NOTIFY_SOCKET"),
            Environment.GetEnvironmentVariable("WATCHDOG_USEC"),
            Environment.GetEnvironmentVariable("WATCHDOG_PID"),
            Environment.ProcessId,
            timeProvider,
            logger)
    {
    }

    /// <summary>The environment given explicitly (tests, or a supervisor that passes it another way).</summary>
    internal SystemdNotifier(string? notifySocket, string? watchdogUsec, string? watchdogPid, int processId, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _time = timeProvider;
        _logger = logger;
        if (string.IsNullOrEmpty(notifySocket))
        {
            return;
        }

        if (notifySocket[0] == '@' && notifySocket.Length > 1)
        {
            _endPoint = new UnixDomainSocketEndPoint("\0" + notifySocket[1..]); // abstract namespace: leading NUL
        }
        else if (notifySocket[0] == '/')
        {
            _endPoint = new UnixDomainSocketEndPoint(notifySocket);
        }
        else
        {
            LogUnsupportedSocket(_logger, notifySocket);
            return;
        }

        SocketName = notifySocket;
        if (watchdogUsec is null)
        {
            return;
        }

        if (!ulong.TryParse(watchdogUsec, NumberStyles.None, CultureInfo.InvariantCulture, out var usec) || usec == 0)
        {
            LogBadWatchdog(_logger, "WATCHDOG_USEC", watchdogUsec);
            return;
        }

        if (watchdogPid is not null)
        {
            if (!int.TryParse(watchdogPid, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                LogBadWatchdog(_logger, "WATCHDOG_PID", watchdogPid);
                return;
            }

            if (pid != processId)
            {
                return; // the watchdog is another process's (sd_watchdog_enabled: "not for us")
            }
        }

        WatchdogInterval = TimeSpan.FromTicks((long)Math.Min(usec * 10, (ulong)TimeSpan.MaxValue.Ticks / 2));
    }

    /// <summary>Whether there is a systemd to talk to (<c>NOTIFY_SOCKET</c> set to a path or an abstract address).</summary>
    public bool IsEnabled => _endPoint is not null;

    /// <summary>The socket as <c>NOTIFY_SOCKET</c> named it; null when disabled.</summary>
    public string? SocketName { get; }

    /// <summary>The service manager's watchdog timeout (<c>WATCHDOG_USEC</c>); null when the watchdog is off or not ours.</summary>
    public TimeSpan? WatchdogInterval { get; }

    /// <summary>Keep-alives sent since start.</summary>
    public long WatchdogPings => Interlocked.Read(ref _watchdogPings);

    /// <summary><c>READY=1</c> (start-up, or a reload, finished), with a <c>STATUS=</c> line when given.</summary>
    public bool Ready(string? status = null) => Send(status is null ? "READY=1" : $"READY=1\nSTATUS={OneLine(status)}");

    /// <summary><c>STATUS=</c>: one line that <c>systemctl status</c> shows.</summary>
    public bool Status(string status) => Send($"STATUS={OneLine(status)}");

    /// <summary>
    /// <c>RELOADING=1</c> with <c>MONOTONIC_USEC</c> (the injected clock's timestamp in µs: CLOCK_MONOTONIC for
    /// <see cref="TimeProvider.System"/> on Linux), as systemd asks for since version 253. Send <see cref="Ready"/> when done.
    /// </summary>
    public bool Reloading()
    {
        long ticks = _time.GetTimestamp(), frequency = _time.TimestampFrequency;
        var usec = (ticks / frequency * 1_000_000) + (ticks % frequency * 1_000_000 / frequency); // no overflow for ns timestamps
        return Send($"RELOADING=1\nMONOTONIC_USEC={usec.ToString(CultureInfo.InvariantCulture)}");
    }

    /// <summary><c>STOPPING=1</c>: shutdown has begun.</summary>
    public bool Stopping(string? status = null) => Send(status is null ? "STOPPING=1" : $"STOPPING=1\nSTATUS={OneLine(status)}");

    /// <summary><c>WATCHDOG=1</c>: one keep-alive.</summary>
    public bool Watchdog() => Send("WATCHDOG=1");

    /// <summary>
    /// Pings the watchdog every half <see cref="WatchdogInterval"/> from a timer on the injected clock, each time only if
    /// <paramref name="isHealthy"/> returns true (an exception counts as unhealthy). Does nothing when the watchdog is off.
    /// Returns whether the timer runs.
    /// </summary>
    public bool StartWatchdog(Func<bool> isHealthy)
    {
        ArgumentNullException.ThrowIfNull(isHealthy);
        if (WatchdogInterval is not { } interval)
        {
            return false;
        }

        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _isHealthy = isHealthy;
            _watchdogTimer ??= _time.CreateTimer(static s => ((SystemdNotifier)s!).OnWatchdogTick(), this, interval / 2, interval / 2);
        }

        LogWatchdogStarted(_logger, interval);
        return true;
    }

    /// <summary>Sends one notification (newline-separated <c>VARIABLE=value</c> lines); false when disabled or it could not be sent.</summary>
    public bool Send(string state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (_endPoint is null)
        {
            return false;
        }

        var bytes = Encoding.UTF8.GetBytes(state);
        lock (_lock)
        {
            if (_disposed)
            {
                return false;
            }

            try
            {
                _socket ??= new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified) { Blocking = false };
                _socket.SendTo(bytes, SocketFlags.None, _endPoint);
                return true;
            }
            catch (SocketException e)
            {
                LogSendFailed(_logger, SocketName!, FirstLine(state), e.SocketErrorCode);
                return false;
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _watchdogTimer?.Dispose();
            _watchdogTimer = null;
            _socket?.Dispose();
            _socket = null;
        }
    }

    private void OnWatchdogTick()
    {
        Func<bool>? check;
        lock (_lock)
        {
            check = _isHealthy;
        }

        bool healthy;
        try
        {
            healthy = check?.Invoke() ?? false;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogHealthCheckFailed(_logger, e);
            healthy = false;
        }

        if (healthy != _wasHealthy)
        {
            _wasHealthy = healthy;
            if (healthy)
            {
                LogHealthy(_logger);
            }
            else
            {
                LogUnhealthy(_logger, WatchdogInterval ?? TimeSpan.Zero);
            }
        }

        if (healthy && Watchdog())
        {
            Interlocked.Increment(ref _watchdogPings);
        }
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    private static string FirstLine(string state)
    {
        var end = state.IndexOf('\n', StringComparison.Ordinal);
        return end < 0 ? state : state[..end];
    }
}
