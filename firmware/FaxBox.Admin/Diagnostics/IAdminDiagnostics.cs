namespace FaxBox.Admin.Diagnostics;

/// <summary>
/// The diagnostics the box runs for the diagnostics pages: implemented by the host, which owns the fax engine, the SIP
/// stack and the fax server. Long runs report progress a line at a time and stop when cancelled.
/// </summary>
public interface IAdminDiagnostics
{
    /// <summary>The fax readiness test: loopback calls through the box's own engine (<c>faxbox fax loopback</c>), one after another.</summary>
    Task<ReadinessReport> RunReadinessTestAsync(IReadOnlyList<ReadinessCase> cases, IProgress<string> progress, CancellationToken cancellationToken);

    /// <summary>One SIP OPTIONS to <paramref name="uri"/> (located by RFC 3263), as <c>faxbox sip options</c> sends it.</summary>
    /// <exception cref="ArgumentException"><paramref name="uri"/> is not a sip: or sips: URI (the message says why).</exception>
    Task<SipOptionsResult> SipOptionsAsync(string uri, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>A test page to <paramref name="number"/> through the fax server and the box's trunk: one attempt, not retried.</summary>
    /// <exception cref="ArgumentException">The number is not one the fax server can dial (the message says why).</exception>
    Task<TrunkFaxTestResult> TrunkFaxTestAsync(string number, IProgress<string> progress, CancellationToken cancellationToken);
}
