using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace FaxBox.Core.Capture;

/// <summary>
/// An in-process packet capture of the box's own UDP sockets (SIP, RTP, UDPTL), for diagnostics on an appliance without
/// root or tcpdump: the sockets hand each datagram they send or receive to <c>Record</c>, which costs one volatile
/// read while nothing captures. While a capture runs, each datagram becomes a pcap record (<see cref="PcapFormat"/>,
/// synthesized IP/UDP headers) in a pooled buffer queued to a writer task: no file I/O and no allocation per packet on
/// the caller's thread; when the writer falls behind (<see cref="QueueLength"/>) packets are dropped and counted, never
/// waited for. A capture stops by itself at <c>maxBytes</c> or <c>maxDuration</c>.
/// </summary>
public sealed class PacketTap
{
    /// <summary>Packets queued for the writer at most.</summary>
    public const int QueueLength = 4096;

    private const string TimeLimit = "its time limit was reached";
    private const string SizeLimit = "its size limit was reached";

    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private Session? _session;
    private Session? _closing;
    private PacketCaptureStatus _last = new(false, null, 0, 0, 0, null);

    /// <summary>A tap timestamping with <paramref name="time"/>.</summary>
    public PacketTap(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
    }

    /// <summary>Whether a capture runs or is still being written out after it stopped.</summary>
    public bool IsCapturing
    {
        get
        {
            lock (_lock)
            {
                return _session is not null || _closing is not null;
            }
        }
    }

    /// <summary>The current or last capture.</summary>
    public PacketCaptureStatus Status
    {
        get
        {
            lock (_lock)
            {
                return _session?.Describe() ?? _closing?.Describe() ?? _last;
            }
        }
    }

    /// <summary>Records a UDP datagram (as socket addresses, which the media sockets keep without allocating); thread-safe.</summary>
    public void Record(ReadOnlySpan<byte> payload, SocketAddress source, SocketAddress destination) =>
        Volatile.Read(ref _session)?.Enqueue(payload, source, destination, _time.GetUtcNow());

    /// <summary>Records a UDP datagram between two endpoints (the SIP transport's; allocates, SIP is not per frame).</summary>
    public void Record(ReadOnlySpan<byte> payload, EndPoint source, EndPoint destination)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        if (Volatile.Read(ref _session) is { } session)
        {
            session.Enqueue(payload, source.Serialize(), destination.Serialize(), _time.GetUtcNow());
        }
    }

    /// <summary>
    /// Starts capturing into <paramref name="output"/> (owned from now on; the global header is written at once). The
    /// capture stops by itself when <paramref name="maxDuration"/> has passed or the next packet would take the file
    /// past <paramref name="maxBytes"/>; <paramref name="stopped"/> is called once the file is closed, however it
    /// stopped (off the media thread).
    /// </summary>
    /// <exception cref="InvalidOperationException">A capture already runs, or the last one is still being written out.</exception>
    public void Start(Stream output, long maxBytes, TimeSpan maxDuration, Action<PacketCaptureStatus>? stopped = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, PcapFormat.GlobalHeaderLength + 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxDuration, TimeSpan.Zero);
        lock (_lock)
        {
            if (_session is not null)
            {
                throw new InvalidOperationException("a packet capture is already running");
            }

            if (_closing is not null)
            {
                throw new InvalidOperationException("the last packet capture is still being written out; try again in a moment");
            }

            Span<byte> header = stackalloc byte[PcapFormat.GlobalHeaderLength];
            PcapFormat.WriteGlobalHeader(header);
            output.Write(header);
            var session = new Session(output, maxBytes, _time.GetUtcNow(), maxDuration, stopped, (limited, reason) => _ = Task.Run(() => StopAsync(limited, reason)));
            session.Arm(_time.CreateTimer(static state => ((Session)state!).TimeIsUp(), session, maxDuration, Timeout.InfiniteTimeSpan));
            Volatile.Write(ref _session, session);
        }
    }

    /// <summary>Stops the capture (if one runs), writes what is queued and closes the file; returns the final status.</summary>
    public Task<PacketCaptureStatus> StopAsync() => StopAsync(null, "stopped");

    /// <summary>Stops <paramref name="only"/> (a limit reached: not a later capture), or whichever runs when null.</summary>
    private async Task<PacketCaptureStatus> StopAsync(Session? only, string reason)
    {
        Session? session;
        lock (_lock)
        {
            session = _session;
            if (session is null || (only is not null && only != session))
            {
                return _closing?.Describe() ?? _last;
            }

            Volatile.Write(ref _session, null);
            _closing = session;
        }

        PacketCaptureStatus status;
        try
        {
            status = await session.CloseAsync(reason).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            status = session.Failed(reason, e);
        }

        try
        {
            // Before the next capture may start: the callback moves the finished file into place.
            session.Stopped?.Invoke(status);
        }
        finally
        {
            lock (_lock)
            {
                _last = status;
                _closing = null;
            }
        }

        return status;
    }

    private sealed class Session
    {
        private readonly Stream _output;
        private readonly long _maxBytes;
        private readonly DateTimeOffset _started;
        private readonly DateTimeOffset _until;
        private readonly Channel<(byte[] Buffer, int Length)> _queue = Channel.CreateBounded<(byte[], int)>(
            new BoundedChannelOptions(QueueLength) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        private readonly Task _writer;
        private long _queuedBytes = PcapFormat.GlobalHeaderLength;
        private long _packets;
        private long _bytes = PcapFormat.GlobalHeaderLength;
        private long _dropped;
        private readonly Action<Session, string> _stop;
        private string? _limit;
        private ITimer? _timer;

        public Session(Stream output, long maxBytes, DateTimeOffset started, TimeSpan maxDuration, Action<PacketCaptureStatus>? stopped, Action<Session, string> stop)
        {
            _output = output;
            _maxBytes = maxBytes;
            _started = started;
            _until = started + maxDuration;
            Stopped = stopped;
            _stop = stop;
            _writer = Task.Run(WriteAsync);
        }

        public Action<PacketCaptureStatus>? Stopped { get; }

        public void Arm(ITimer timer) => _timer = timer;

        public void TimeIsUp() => Reach(TimeLimit);

        public void Enqueue(ReadOnlySpan<byte> payload, SocketAddress source, SocketAddress destination, DateTimeOffset now)
        {
            var size = payload.Length + PcapFormat.MaxOverhead;
            if (now > _until || Interlocked.Read(ref _queuedBytes) + size > _maxBytes)
            {
                Interlocked.Increment(ref _dropped);
                Reach(now > _until ? TimeLimit : SizeLimit);
                return;
            }

            var buffer = ArrayPool<byte>.Shared.Rent(size);
            var length = PcapFormat.WriteUdpRecord(buffer, now, payload, source, destination);
            if (length == 0 || !_queue.Writer.TryWrite((buffer, length)))
            {
                ArrayPool<byte>.Shared.Return(buffer);
                Interlocked.Increment(ref _dropped);
                return;
            }

            Interlocked.Add(ref _queuedBytes, length);
        }

        public PacketCaptureStatus Describe() => new(true, _started, Interlocked.Read(ref _packets), Interlocked.Read(ref _bytes), Interlocked.Read(ref _dropped), null);

        public async Task<PacketCaptureStatus> CloseAsync(string reason)
        {
            if (_timer is not null)
            {
                await _timer.DisposeAsync().ConfigureAwait(false);
            }

            _queue.Writer.TryComplete();
            try
            {
                await _writer.ConfigureAwait(false);
            }
            finally
            {
                await _output.DisposeAsync().ConfigureAwait(false);
            }

            return new PacketCaptureStatus(false, _started, _packets, _bytes, _dropped, Reason(reason));
        }

        /// <summary>The final status of a capture whose file could not be finished.</summary>
        public PacketCaptureStatus Failed(string reason, Exception error) =>
            new(false, _started, Interlocked.Read(ref _packets), Interlocked.Read(ref _bytes), Interlocked.Read(ref _dropped), $"{Reason(reason)}; the file could not be finished: {error.Message}");

        private string Reason(string reason) => Volatile.Read(ref _limit) is { } limit && limit != reason ? $"{reason}; {limit}" : reason;

        /// <summary>The first limit reached stops the capture (once; from the media thread it only queues the stop).</summary>
        private void Reach(string limit)
        {
            if (Interlocked.CompareExchange(ref _limit, limit, null) is null)
            {
                _stop(this, limit);
            }
        }

        private async Task WriteAsync()
        {
            await foreach (var (buffer, length) in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                try
                {
                    await _output.WriteAsync(buffer.AsMemory(0, length)).ConfigureAwait(false);
                    Interlocked.Increment(ref _packets);
                    Interlocked.Add(ref _bytes, length);
                }
                catch (IOException)
                {
                    Interlocked.Increment(ref _dropped); // a full disk: the capture keeps what it has
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }

            await _output.FlushAsync().ConfigureAwait(false);
        }
    }
}
