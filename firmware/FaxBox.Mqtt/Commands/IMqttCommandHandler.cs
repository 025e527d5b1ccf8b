namespace FaxBox.Mqtt.Commands;

/// <summary>
/// Carries out commands received on <c>faxbox/&lt;device&gt;/command/…</c> (only with <c>mqtt.commands</c> on; who
/// may publish there is the broker's ACLs' business). The Host wires an implementation (the fax server's queue, the
/// gateway's ports); every method returns what happened, in words, for <c>command/result</c>.
/// </summary>
public interface IMqttCommandHandler
{
    /// <summary>Retry an outgoing fax job now (<c>command/retry-job</c>, payload <c>{"id": "…", "job": "…"}</c>).</summary>
    Task<MqttCommandResult> RetryJobAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>Cancel an outgoing fax job (<c>command/cancel-job</c>, payload <c>{"id": "…", "job": "…"}</c>).</summary>
    Task<MqttCommandResult> CancelJobAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>Ring an FXS port briefly to test it (<c>command/ring-test</c>, payload <c>{"id": "…", "port": "fxs0"}</c>).</summary>
    Task<MqttCommandResult> RingTestAsync(string port, CancellationToken cancellationToken);
}
