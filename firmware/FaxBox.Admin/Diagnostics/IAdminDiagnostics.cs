using FaxBox.Core.Capture;

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

    /// <summary>The packet capture of the box's own SIP, RTP and UDPTL sockets: running, or the last one.</summary>
    PacketCaptureStatus CaptureStatus { get; }

    /// <summary>Starts a packet capture (replacing the last file) that stops recording after <paramref name="maxDuration"/>.</summary>
    /// <exception cref="InvalidOperationException">A capture is already running.</exception>
    void StartCapture(TimeSpan maxDuration);

    /// <summary>Stops the capture and closes its file; the status says what it holds.</summary>
    Task<PacketCaptureStatus> StopCaptureAsync();

    /// <summary>The last finished capture as a classic pcap file, or null when there is none (or one still runs).</summary>
    Stream? OpenCapture();
}
