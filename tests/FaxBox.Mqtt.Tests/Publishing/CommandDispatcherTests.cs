using System.Text;
using FaxBox.Mqtt.Commands;

namespace FaxBox.Mqtt.Tests.Publishing;

public sealed class CommandDispatcherTests
{
    [Theory]
    [InlineData("retry-job", """{"id":"7","job":"42"}""", true, "retry 42")]
    [InlineData("cancel-job", """{"id":"7","job":"42"}""", true, "cancel 42")]
    [InlineData("ring-test", """{"id":"7","port":"fxs0"}""", true, "ring fxs0")]
    [InlineData("reboot", """{"id":"7"}""", false, "unknown command 'reboot' (known: retry-job, cancel-job, ring-test)")]
    [InlineData("retry-job", """{"id":"7"}""", false, "missing \"job\" (a string)")]
    [InlineData("ring-test", "[1,2]", false, "payload must be a JSON object")]
    [InlineData("cancel-job", "{job:42", false, "payload '{job:42' is not JSON")]
    public async Task Commands_run_on_the_handler_and_bad_ones_say_what_is_wrong(string verb, string payload, bool ok, string message)
    {
        var (_, command, result) = await MqttCommandDispatcher.RunAsync(verb, Encoding.UTF8.GetBytes(payload), new RecordingHandler(), CancellationToken.None);

        Assert.Equal(verb, command);
        Assert.Equal(ok, result.Ok);
        Assert.StartsWith(message, result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_handler_every_command_is_answered_not_available()
    {
        var (id, _, result) = await MqttCommandDispatcher.RunAsync("retry-job", """{"id":9,"job":"42"}"""u8.ToArray(), null, CancellationToken.None);

        Assert.Equal("9", id);
        Assert.False(result.Ok);
        Assert.Equal("this box has no handler for commands yet", result.Message);
    }

    internal sealed class RecordingHandler : IMqttCommandHandler
    {
        public Task<MqttCommandResult> RetryJobAsync(string jobId, CancellationToken cancellationToken) => Task.FromResult(new MqttCommandResult(true, $"retry {jobId}"));

        public Task<MqttCommandResult> CancelJobAsync(string jobId, CancellationToken cancellationToken) => Task.FromResult(new MqttCommandResult(true, $"cancel {jobId}"));

        public Task<MqttCommandResult> RingTestAsync(string port, CancellationToken cancellationToken) => Task.FromResult(new MqttCommandResult(true, $"ring {port}"));
    }
}
