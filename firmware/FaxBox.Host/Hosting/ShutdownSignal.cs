using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace FaxBox.Host.Hosting;

/// <summary>
/// SIGTERM (systemd's stop), SIGINT (Ctrl-C) and SIGQUIT turned into one <see cref="Token"/> that starts a graceful
/// shutdown (calls hung up, documents flushed). A second signal while shutting down forces the exit at once, with
/// code 128 + the signal's number as a shell reports it. The runtime's own handling of the signals is suppressed while
/// this object lives.
/// </summary>
public sealed partial class ShutdownSignal : IDisposable
{
    private readonly ILogger _logger;
    private readonly Action<int> _forceExit;
    private readonly CancellationTokenSource _cts = new();
    private readonly PosixSignalRegistration[] _registrations;
    private int _signals;

    /// <summary>Registers for the signals; a second signal calls <see cref="Environment.Exit"/>.</summary>
    public ShutdownSignal(ILogger<ShutdownSignal> logger)
        : this(logger, Environment.Exit)
    {
    }

    /// <summary><paramref name="forceExit"/> is called with the exit code on the second signal (tests record it).</summary>
    internal ShutdownSignal(ILogger logger, Action<int> forceExit, bool register = true)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(forceExit);
        _logger = logger;
        _forceExit = forceExit;
        _registrations = register
            ? [PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle), PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle), PosixSignalRegistration.Create(PosixSignal.SIGQUIT, Handle)]
            : [];
    }

    /// <summary>Cancelled when the first signal arrives (or <see cref="Request"/> is called).</summary>
    public CancellationToken Token => _cts.Token;

    /// <summary>The first signal received; null until then, or when shutdown was requested in code.</summary>
    public PosixSignal? Signal { get; private set; }

    /// <summary>Starts the graceful shutdown from code (e.g. a fatal error), as a signal would.</summary>
    public void Request(string reason)
    {
        LogRequested(_logger, reason);
        CancelOffThread();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _cts.Dispose();
    }

    /// <summary>The handler for each registered signal.</summary>
    internal void Handle(PosixSignalContext context)
    {
        context.Cancel = true; // this object decides what the signal does, not the runtime's default
        var name = Name(context.Signal);
        if (Interlocked.Increment(ref _signals) == 1)
        {
            Signal = context.Signal;
            LogShuttingDown(_logger, name);
            CancelOffThread();
            return;
        }

        var code = 128 + Number(context.Signal);
        LogForcedExit(_logger, name, code);
        _forceExit(code);
    }

    /// <summary>The number a shell adds to 128 in <c>$?</c> (Linux numbering).</summary>
    internal static int Number(PosixSignal signal) => signal switch
    {
        PosixSignal.SIGHUP => 1,
        PosixSignal.SIGINT => 2,
        PosixSignal.SIGQUIT => 3,
        PosixSignal.SIGTERM => 15,
        _ => (int)signal > 0 ? (int)signal : 0,
    };

    private static string Name(PosixSignal signal) => signal.ToString();

    // Shutdown callbacks registered on the token must not run on the signal-handling thread: a second signal has to
    // get through while they are busy.
    private void CancelOffThread() => ThreadPool.UnsafeQueueUserWorkItem(
        static self =>
        {
            try
            {
                self._cts.Cancel();
            }
            catch (AggregateException e)
            {
                LogCallbackFailed(self._logger, e);
            }
            catch (ObjectDisposedException)
            {
                // disposed while the signal was in flight: nobody is waiting any more
            }
        },
        this,
        preferLocal: false);
}
