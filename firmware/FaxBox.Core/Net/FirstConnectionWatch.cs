using System.Net;
using System.Net.Sockets;

namespace FaxBox.Core.Net;

/// <summary>
/// Runs a start-up action once, when the first connection reaches one of some listening sockets: a background thread
/// blocks in poll(2) on them (nothing wakes an idle box while nobody connects) and calls the action when one has a
/// connection waiting in its backlog, which the server the action starts then accepts (Kestrel's <c>ListenHandle</c>
/// over <see cref="ListenerHandles.Duplicate"/>). The admin site and the local API are built this way: an idle box does
/// not carry an ASP.NET pipeline nobody uses.
/// </summary>
public sealed class FirstConnectionWatch : IDisposable
{
    private readonly Socket[] _listeners;
    private readonly Action _onConnection;
    private readonly Socket _wake;
    private readonly Socket _waker;
    private readonly Thread _thread;
    private readonly Lock _lock = new();
    private bool _disposed;

    /// <summary>Starts watching <paramref name="listeners"/> (listening sockets, not accepted from).</summary>
    /// <param name="listeners">The sockets; they stay owned by the caller.</param>
    /// <param name="onConnection">Called once, on the watch thread, when a connection is waiting (not after <see cref="Dispose"/>).</param>
    /// <param name="name">The thread's name (diagnostics).</param>
    public FirstConnectionWatch(IReadOnlyList<Socket> listeners, Action onConnection, string name)
    {
        ArgumentNullException.ThrowIfNull(listeners);
        ArgumentNullException.ThrowIfNull(onConnection);
        _listeners = [.. listeners];
        _onConnection = onConnection;
        // Dispose wakes the thread with a datagram from _waker to _wake (closing a socket does not end another thread's
        // poll). _wake is connected to _waker, so the kernel drops datagrams from anyone else: another local process
        // cannot wake, spin or end the watch.
        _wake = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        _waker = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        _wake.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _waker.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _wake.Connect(_waker.LocalEndPoint!);
        _waker.Connect(_wake.LocalEndPoint!);
        _thread = new Thread(Watch) { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>The address of the socket Dispose wakes the thread through (tests: strangers' datagrams to it are dropped).</summary>
    internal EndPoint WakeEndPoint => _wake.LocalEndPoint!;

    /// <summary>Whether the action has been called.</summary>
    public bool Fired { get; private set; }

    /// <summary>Stops watching (waits up to 5 s for the thread); the action is not called after this returns.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        try
        {
            _ = _waker.Send([1]);
        }
        catch (SocketException)
        {
            // The thread has ended already (it closes nothing, but an error on the loopback would be the only reason).
        }

        if (Thread.CurrentThread != _thread)
        {
            _ = _thread.Join(TimeSpan.FromSeconds(5));
        }

        _wake.Dispose();
        _waker.Dispose();
    }

    private void Watch()
    {
        var ready = new List<Socket>(_listeners.Length + 1);
        try
        {
            // Each round ends on a connection (then the loop ends) or the wake datagram of Dispose (then the thread ends).
            while (true)
            {
                ready.Clear();
                ready.AddRange(_listeners);
                ready.Add(_wake);
                Socket.Select(ready, null, null, -1);
                lock (_lock)
                {
                    if (_disposed)
                    {
                        return;
                    }

                    if (ready.Contains(_wake) && _wake.Available > 0)
                    {
                        _ = _wake.Receive(new byte[_wake.Available]);
                    }

                    if (ready.Exists(s => s != _wake))
                    {
                        Fired = true;
                        break;
                    }
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // A listener was closed under the watch: the owner is stopping.
            return;
        }

        if (Fired)
        {
            _onConnection();
        }
    }
}
