using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace FaxBox.Host.Hosting;

/// <summary>
/// Hands the JIT's spare working memory back to the kernel once the box has gone quiet (issue 7, the idle box).
/// <para>
/// The runtime keeps the JIT's freed 64 KiB arena slabs in a cache of up to 16 MiB (<c>JitHostMaxSlabCache</c>,
/// settable only by environment variable) and frees them only from the finalizer thread, on its second 2 s rotation after
/// their last use. The finalizer thread runs after a garbage collection, which an idle box no longer does: the ≈ 7 MiB
/// the start-up's ≈ 2,300 compilations left behind stayed resident for good (measured: native heap 9.7 MiB, of which
/// ≈ 6.7 MiB the cache). <see cref="Arm"/> (re)starts a <see cref="IdleMemoryTrimOptions.QuietPeriod"/> countdown; when
/// it runs out the trim wakes the finalizer thread <see cref="IdleMemoryTrimOptions.Passes"/> times,
/// <see cref="IdleMemoryTrimOptions.PassSpacing"/> apart (<see cref="GC.WaitForPendingFinalizers"/>: no collection),
/// then returns the freed pages of the C heap with glibc's <c>malloc_trim(0)</c>. An <see cref="Arm"/> during the
/// passes starts the countdown again. Nothing here runs on the media thread, and nothing runs while the box stays idle.
/// </para>
/// </summary>
internal sealed partial class IdleMemoryTrim : IDisposable
{
    private readonly IdleMemoryTrimOptions _options;
    private readonly ILogger _logger;
    private readonly Action _finalizerPass;
    private readonly Func<bool> _trimNativeHeap;
    private readonly ITimer _timer;
    private readonly Lock _lock = new();
    private int _passesDone;
    private bool _armed;
    private bool _disposed;

    /// <summary>Creates the trim, disarmed; the delegates replace the runtime and libc calls in tests.</summary>
    public IdleMemoryTrim(TimeProvider time, ILogger logger, IdleMemoryTrimOptions? options = null, Action? finalizerPass = null, Func<bool>? trimNativeHeap = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options ?? new IdleMemoryTrimOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.Passes, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.QuietPeriod, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.PassSpacing, TimeSpan.Zero, nameof(options));
        _logger = logger;
        _finalizerPass = finalizerPass ?? GC.WaitForPendingFinalizers;
        _trimNativeHeap = trimNativeHeap ?? TrimCHeap;
        _timer = time.CreateTimer(static state => ((IdleMemoryTrim)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>How many trims have run to the end (diagnostics and tests).</summary>
    public int Completed { get; private set; }

    /// <summary>Something happened: trim once the box has been quiet for the quiet period from now.</summary>
    public void Arm()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _armed = true;
            _passesDone = 0;
            _timer.Change(_options.QuietPeriod, Timeout.InfiniteTimeSpan);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _armed = false;
        }

        _timer.Dispose();
    }

    private void OnTimer()
    {
        bool last;
        lock (_lock)
        {
            if (!_armed || _disposed)
            {
                return;
            }

            _passesDone++;
            last = _passesDone >= _options.Passes;
            if (last)
            {
                _armed = false;
            }
            else
            {
                _timer.Change(_options.PassSpacing, Timeout.InfiniteTimeSpan);
            }
        }

        try
        {
            _finalizerPass();
            if (last)
            {
                bool trimmed = _trimNativeHeap();
                lock (_lock)
                {
                    Completed++;
                }

                LogTrimmed(_logger, trimmed);
            }
        }
#pragma warning disable CA1031 // a failed trim costs memory, never the box
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogTrimFailed(_logger, e);
        }
    }

    /// <summary>glibc's <c>malloc_trim(0)</c>: true when it returned memory; false without glibc (musl has none).</summary>
    internal static bool TrimCHeap()
    {
        try
        {
            return malloc_trim(0) != 0;
        }
        catch (DllNotFoundException)
        {
            return false;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int malloc_trim(nuint pad);
}
