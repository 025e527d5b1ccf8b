using System.Globalization;
using FaxBox.CallControl;
using FaxBox.FaxServer;
using FaxBox.FaxServer.Queue;
using FaxBox.Mqtt.Commands;

namespace FaxBox.Host.Appliance;

/// <summary>The box's answers to MQTT commands: retry and cancel go to the fax server's outbox, ring-test to the gateway's FXS ports.</summary>
internal sealed class ApplianceCommands(Gateway gateway, Func<FaxServerService?> faxServer) : IMqttCommandHandler
{
    /// <summary>How long a ring test rings.</summary>
    public static readonly TimeSpan RingTestDuration = TimeSpan.FromSeconds(6);

    public Task<MqttCommandResult> RetryJobAsync(string jobId, CancellationToken cancellationToken) =>
        OnJobAsync(jobId, "queued for retry", (server, id) => server.RetryAsync(id, cancellationToken));

    public Task<MqttCommandResult> CancelJobAsync(string jobId, CancellationToken cancellationToken) =>
        OnJobAsync(jobId, "cancelled", (server, id) => server.CancelAsync(id, cancellationToken));

    public async Task<MqttCommandResult> RingTestAsync(string port, CancellationToken cancellationToken)
    {
        var refused = await gateway.RingTestAsync(port, RingTestDuration).WaitAsync(cancellationToken).ConfigureAwait(false);
        return refused is null
            ? new MqttCommandResult(true, $"{port} rings for {RingTestDuration.TotalSeconds:0} s")
            : new MqttCommandResult(false, refused);
    }

    private async Task<MqttCommandResult> OnJobAsync(string jobId, string done, Func<FaxServerService, long, Task<FaxJob>> operation)
    {
        if (faxServer() is not { } server)
        {
            return new MqttCommandResult(false, "the fax server is off (faxServer.enabled is false)");
        }

        if (!long.TryParse(jobId, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return new MqttCommandResult(false, $"'{jobId}' is not a job number");
        }

        try
        {
            var job = await operation(server, id).ConfigureAwait(false);
            return new MqttCommandResult(true, $"job {job.Id} {done}");
        }
        catch (FaxJobOperationException e)
        {
            return new MqttCommandResult(false, e.Error == FaxJobOperationError.NotFound ? $"no job {id}" : e.Message);
        }
    }
}
