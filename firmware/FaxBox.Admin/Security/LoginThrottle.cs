using System.Net;

namespace FaxBox.Admin.Security;

/// <summary>
/// Login rate limiting per client address: after <see cref="AdminOptions.LoginFailuresBeforeLockout"/> failed attempts
/// (password or one-time set-up code) within <see cref="AdminOptions.LockoutDuration"/> the client is locked out for
/// that long; a success clears its count. Per client, not per account: a stranger cannot lock the administrator out
/// of every other machine. Bounded: at most <see cref="MaxClients"/> addresses are remembered (oldest dropped).
/// </summary>
internal sealed class LoginThrottle
{
    /// <summary>Most client addresses remembered at once.</summary>
    public const int MaxClients = 4096;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _clients = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly int _maxFailures;
    private readonly TimeSpan _lockout;

    public LoginThrottle(TimeProvider time, int maxFailures, TimeSpan lockout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFailures, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lockout, TimeSpan.Zero);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _maxFailures = maxFailures;
        _lockout = lockout;
    }

    /// <summary>The key a client is counted under: its address (IPv6 by /64, since one host owns a whole /64).</summary>
    public static string ClientKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 && !IPAddress.IsLoopback(address))
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            return new IPAddress(bytes) + "/64";
        }

        return address.ToString();
    }

    /// <summary>When the client may try again, or null if it may now.</summary>
    public DateTimeOffset? LockedUntil(string client)
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            if (_clients.TryGetValue(client, out var entry) && entry.LockedUntil is { } until && until > now)
            {
                return until;
            }

            return null;
        }
    }

    /// <summary>Counts a failure; returns when the client is locked out until, if this failure locked it.</summary>
    public DateTimeOffset? Failed(string client)
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            if (!_clients.TryGetValue(client, out var entry) || now - entry.First > _lockout || (entry.LockedUntil is { } ended && ended <= now))
            {
                entry = new Entry(now, 0, null);
            }

            entry = entry with { Failures = entry.Failures + 1 };
            if (entry.Failures >= _maxFailures)
            {
                entry = entry with { LockedUntil = now + _lockout };
            }

            if (!_clients.ContainsKey(client) && _clients.Count >= MaxClients)
            {
                var oldest = _clients.MinBy(c => c.Value.First).Key;
                _clients.Remove(oldest);
            }

            _clients[client] = entry;
            return entry.LockedUntil;
        }
    }

    /// <summary>Clears the client's failures (a successful login).</summary>
    public void Succeeded(string client)
    {
        lock (_lock)
        {
            _clients.Remove(client);
        }
    }

    private readonly record struct Entry(DateTimeOffset First, int Failures, DateTimeOffset? LockedUntil);
}
