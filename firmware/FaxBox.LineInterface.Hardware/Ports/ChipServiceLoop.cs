namespace FaxBox.LineInterface.Hardware.Ports;

/// <summary>
/// The thread that does a chip's SPI traffic: it runs <see cref="IServiceableChip.Service"/> when the chip's INT line
/// falls (<see cref="Wake"/>), when the port posts a change, and at least every <see cref="PollInterval"/> (so a missed
/// edge costs at most one interval). Exceptions are kept in <see cref="Fault"/> and end the loop; never fire-and-forget.
/// </summary>
public sealed class ChipServiceLoop : IAsyncDisposable
{
    private readonly IServiceableChip _chip;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _wake = new(0);
    private readonly CancellationTokenSource _stop = new();
    private Task? _run;

    /// <summary>Creates the loop; call <see cref="Start"/> to run it.</summary>
    public ChipServiceLoop(IServiceableChip chip, TimeProvider? timeProvider = null, TimeSpan? pollInterval = null)
    {
        _chip = chip ?? throw new ArgumentNullException(nameof(chip));
        _time = timeProvider ?? TimeProvider.System;
        PollInterval = pollInterval ?? TimeSpan.FromMilliseconds(10);
        _chip.ServiceRequested += (_, _) => Wake();
    }

    /// <summary>The longest time between two service passes. Default 10 ms (half a media tick).</summary>
    public TimeSpan PollInterval { get; }

    /// <summary>Service passes so far.</summary>
    public long Passes { get; private set; }

    /// <summary>The exception that stopped the loop, if any.</summary>
    public Exception? Fault { get; private set; }

    /// <summary>Completes when the loop has stopped (disposed, or ended by a fault).</summary>
    public Task Completion => _run ?? Task.CompletedTask;

    /// <summary>Requests a pass now (INT edge, posted change). Never blocks.</summary>
    public void Wake() => _wake.Release();

    /// <summary>Starts the loop on the thread pool.</summary>
    public void Start() => _run ??= Task.Run(RunAsync);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_run is not null)
        {
            await _run.ConfigureAwait(false);
        }

        _stop.Dispose();
        _wake.Dispose();
    }

    private async Task RunAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                _chip.Service();
                Passes++;
                using var timeout = new CancellationTokenSource(PollInterval, _time);
                using var either = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, _stop.Token);
                try
                {
                    await _wake.WaitAsync(either.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!_stop.IsCancellationRequested)
                {
                    // Poll interval elapsed: service anyway.
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            Fault = e;
        }
    }
}
