using System.Text;
using System.Text.Json;

namespace FaxBox.Mqtt.Commands;

/// <summary>
/// Parses one command message (topic <c>…/command/&lt;verb&gt;</c>, a small JSON object) and runs it on the handler.
/// Malformed input gets a result that says what is wrong, never an exception.
/// </summary>
internal static class MqttCommandDispatcher
{
    /// <summary>The verbs, as the last topic level.</summary>
    public static readonly IReadOnlyList<string> Verbs = ["retry-job", "cancel-job", "ring-test"];

    /// <summary>Commands bigger than this are refused unread.</summary>
    public const int MaxPayloadBytes = 4096;

    public static async Task<(string? Id, string Verb, MqttCommandResult Result)> RunAsync(string verb, ReadOnlyMemory<byte> payload, IMqttCommandHandler? handler, CancellationToken cancellationToken)
    {
        if (!Verbs.Contains(verb))
        {
            return (null, verb, new MqttCommandResult(false, $"unknown command '{verb}' (known: {string.Join(", ", Verbs)})"));
        }

        if (payload.Length > MaxPayloadBytes)
        {
            return (null, verb, new MqttCommandResult(false, $"payload of {payload.Length} bytes is larger than {MaxPayloadBytes}"));
        }

        string? id = null;
        string? argument;
        var argumentName = verb == "ring-test" ? "port" : "job";
        try
        {
            using var document = JsonDocument.Parse(payload);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, verb, new MqttCommandResult(false, $"payload must be a JSON object like {{\"id\": \"1\", \"{argumentName}\": \"…\"}}"));
            }

            if (document.RootElement.TryGetProperty("id", out var idElement))
            {
                id = idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : idElement.GetRawText();
            }

            argument = document.RootElement.TryGetProperty(argumentName, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        }
        catch (JsonException e)
        {
            var text = Encoding.UTF8.GetString(payload.Span[..Math.Min(payload.Length, 60)]);
            return (null, verb, new MqttCommandResult(false, $"payload '{text}' is not JSON: {e.Message}"));
        }

        if (string.IsNullOrEmpty(argument))
        {
            return (id, verb, new MqttCommandResult(false, $"missing \"{argumentName}\" (a string)"));
        }

        if (handler is null)
        {
            return (id, verb, new MqttCommandResult(false, "this box has no handler for commands yet"));
        }

        var result = verb switch
        {
            "retry-job" => await handler.RetryJobAsync(argument, cancellationToken).ConfigureAwait(false),
            "cancel-job" => await handler.CancelJobAsync(argument, cancellationToken).ConfigureAwait(false),
            _ => await handler.RingTestAsync(argument, cancellationToken).ConfigureAwait(false),
        };
        return (id, verb, result);
    }
}
