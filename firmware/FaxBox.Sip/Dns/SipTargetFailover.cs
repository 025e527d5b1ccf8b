using FaxBox.Sip.Transport;

namespace FaxBox.Sip.Dns;

/// <summary>
/// Tries the located targets in order (RFC 3263 §4.3): a transport error or a timeout of one target moves to the next;
/// the first success ends the walk.
/// </summary>
public static class SipTargetFailover
{
    /// <summary>
    /// Runs <paramref name="attempt"/> against each target until one returns; <see cref="SipTransportException"/> and
    /// <see cref="TimeoutException"/> mean "try the next". When every target failed, throws a
    /// <see cref="SipTransportException"/> listing each target and why.
    /// </summary>
    public static async Task<(SipTarget Target, T Result)> FirstAsync<T>(IReadOnlyList<SipTarget> targets, Func<SipTarget, CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(attempt);
        if (targets.Count == 0)
        {
            throw new SipTransportException("no targets: DNS gave no address for the destination");
        }

        var failures = new List<string>();
        foreach (var target in targets)
        {
            try
            {
                return (target, await attempt(target, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception e) when (e is SipTransportException or TimeoutException)
            {
                failures.Add($"{target.EndPoint}: {e.Message}");
            }
        }

        throw new SipTransportException($"all {targets.Count} targets failed: {string.Join("; ", failures)}");
    }
}
