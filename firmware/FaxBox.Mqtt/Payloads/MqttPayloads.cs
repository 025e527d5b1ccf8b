using System.Buffers;
using System.Text.Json;
using FaxBox.Core.Status;

namespace FaxBox.Mqtt.Payloads;

/// <summary>
/// The JSON payloads, one method per schema in <c>Schemas/</c> (keep them in step: the tests validate every payload
/// against its schema). camelCase keys, times in ISO 8601 UTC, enums as lower-case words with dashes. Status only:
/// nothing of a document's content and no credentials.
/// </summary>
public static class MqttPayloads
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false };

    /// <summary>Schema <c>port.json</c>: one line port.</summary>
    public static byte[] Port(PortStatus port)
    {
        ArgumentNullException.ThrowIfNull(port);
        return Write(w =>
        {
            w.WriteString("port", port.Name);
            w.WriteString("kind", port.Kind == PortKind.Fxs ? "fxs" : "fxo");
            w.WriteString("state", PortStateName(port.State, port.Name));
            WriteNullable(w, "number", port.Number);
            WriteNullable(w, "account", port.Account);
            WriteNullable(w, "callId", port.CallId);
            w.WriteString("since", port.Since.ToUniversalTime());
        });
    }

    /// <summary>Schema <c>account.json</c>: one SIP account's registration.</summary>
    public static byte[] Account(RegistrationStatus account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return Write(w =>
        {
            w.WriteString("account", account.Account);
            w.WriteString("addressOfRecord", account.AddressOfRecord);
            w.WriteString("state", account.State);
            WriteTime(w, "expiresAt", account.ExpiresAt);
            if (account.LastStatusCode is { } code)
            {
                w.WriteNumber("lastStatusCode", code);
            }
            else
            {
                w.WriteNull("lastStatusCode");
            }

            WriteNullable(w, "reason", account.Reason);
        });
    }

    /// <summary>Schema <c>queue.json</c>: the fax server's queue at <paramref name="now"/>.</summary>
    public static byte[] Queue(QueueStatus queue, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(queue);
        return Write(w =>
        {
            w.WriteNumber("depth", queue.Depth);
            w.WriteNumber("sending", queue.Sending);
            WriteTime(w, "oldestQueued", queue.OldestQueued);
            w.WriteNumber("oldestAgeSeconds", queue.OldestQueued is { } oldest ? Math.Max(0, (long)(now - oldest).TotalSeconds) : 0);
            w.WriteNumber("inboxUndelivered", queue.InboxUndelivered);
        });
    }

    /// <summary>Schema <c>box.json</c>: the box's state and totals.</summary>
    public static byte[] Box(StatusSnapshot snapshot, string device, long faxesToday)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return Write(w =>
        {
            w.WriteString("name", snapshot.BoxName);
            w.WriteString("device", device);
            w.WriteString("state", snapshot.State.ToString().ToLowerInvariant());
            w.WriteString("started", snapshot.Started.ToUniversalTime());
            w.WriteNumber("ports", snapshot.Ports.Length);
            w.WriteNumber("callsInProgress", snapshot.Calls.Length);
            w.WriteNumber("calls", snapshot.Counters.Calls);
            w.WriteNumber("faxes", snapshot.Counters.Faxes);
            w.WriteNumber("faxesSucceeded", snapshot.Counters.FaxesSucceeded);
            w.WriteNumber("faxesToday", faxesToday);
            w.WriteNumber("pages", snapshot.Counters.Pages);
            w.WriteNumber("t38Fallbacks", snapshot.Counters.T38Fallbacks);
        });
    }

    /// <summary>Schema <c>fax-record.json</c>: the record a fax call leaves (topics <c>fax/completed</c> and <c>fax/last</c>).</summary>
    public static byte[] FaxRecord(FaxRecord fax)
    {
        ArgumentNullException.ThrowIfNull(fax);
        return Write(w => WriteFaxRecord(w, fax));
    }

    /// <summary>Schema <c>call.json</c>: a call that started (<paramref name="ended"/> null) or ended.</summary>
    public static byte[] Call(CallStatus call, DateTimeOffset? ended)
    {
        ArgumentNullException.ThrowIfNull(call);
        return Write(w =>
        {
            w.WriteString("callId", call.CallId);
            w.WriteString("port", call.Port);
            w.WriteString("direction", call.Direction);
            WriteNullable(w, "localNumber", call.LocalNumber);
            WriteNullable(w, "remoteNumber", call.RemoteNumber);
            w.WriteString("media", MediaName(call.Media));
            w.WriteString("started", call.Started.ToUniversalTime());
            if (ended is { } end)
            {
                w.WriteString("ended", end.ToUniversalTime());
                w.WriteNumber("durationSeconds", Math.Round(Math.Max(0, (end - call.Started).TotalSeconds), 3));
            }
        });
    }

    /// <summary>Schema <c>fax-progress.json</c>: phase B, a page (D) or phase E of a fax in progress.</summary>
    public static byte[] FaxProgress(FaxProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        return Write(w =>
        {
            w.WriteString("callId", progress.CallId);
            w.WriteString("port", progress.Port);
            w.WriteString("phase", progress.Phase);
            w.WriteNumber("pages", progress.Pages);
            w.WriteNumber("bitRate", progress.BitRate);
            w.WriteBoolean("ecm", progress.Ecm);
            w.WriteString("at", progress.At.ToUniversalTime());
        });
    }

    /// <summary>Schema <c>health.json</c>.</summary>
    public static byte[] Health(MqttHealth health)
    {
        ArgumentNullException.ThrowIfNull(health);
        return Write(w =>
        {
            w.WriteNumber("uptimeSeconds", (long)health.Uptime.TotalSeconds);
            w.WriteNumber("cpuPercent", Math.Round(health.CpuPercent, 1));
            w.WriteNumber("memoryBytes", health.MemoryBytes);
            w.WriteNumber("gcHeapBytes", health.GcHeapBytes);
            if (health.TemperatureCelsius is { } t)
            {
                w.WriteNumber("temperatureCelsius", Math.Round(t, 1));
            }
            else
            {
                w.WriteNull("temperatureCelsius");
            }

            w.WriteNumber("eventsQueued", health.EventsQueued);
            w.WriteNumber("eventsDropped", health.EventsDropped);
            w.WriteNumber("connects", health.Connects);
            w.WriteString("at", health.At.ToUniversalTime());
        });
    }

    /// <summary>Schema <c>command-result.json</c>.</summary>
    public static byte[] CommandResult(string? id, string command, bool ok, string message) => Write(w =>
    {
        WriteNullable(w, "id", id);
        w.WriteString("command", command);
        w.WriteBoolean("ok", ok);
        w.WriteString("message", message);
    });

    /// <summary>A port state as published: idle, off-hook, calling, ringing, in-call, fax-relay (fax-terminal on the terminal), clearing, fault.</summary>
    public static string PortStateName(PortState state, string port) => state switch
    {
        PortState.Idle => "idle",
        PortState.Dialling => "off-hook",
        PortState.Calling => "calling",
        PortState.Ringing => "ringing",
        PortState.Connected => "in-call",
        PortState.Fax => port == "terminal" ? "fax-terminal" : "fax-relay",
        PortState.Clearing => "clearing",
        PortState.Fault => "fault",
        _ => state.ToString().ToLowerInvariant(),
    };

    /// <summary>A media mode as published: none, voice, g711-fax, t38.</summary>
    public static string MediaName(CallMediaMode mode) => mode switch
    {
        CallMediaMode.None => "none",
        CallMediaMode.Voice => "voice",
        CallMediaMode.G711Fax => "g711-fax",
        CallMediaMode.T38 => "t38",
        _ => mode.ToString().ToLowerInvariant(),
    };

    private static void WriteFaxRecord(Utf8JsonWriter w, FaxRecord fax)
    {
        w.WriteString("id", fax.Id);
        w.WriteString("callId", fax.CallId);
        w.WriteString("port", fax.Port);
        w.WriteString("direction", fax.Direction);
        WriteNullable(w, "localNumber", fax.LocalNumber);
        WriteNullable(w, "remoteNumber", fax.RemoteNumber);
        w.WriteString("started", fax.Started.ToUniversalTime());
        w.WriteString("ended", fax.Ended.ToUniversalTime());
        w.WriteNumber("durationSeconds", Math.Round(Math.Max(0, (fax.Ended - fax.Started).TotalSeconds), 3));
        w.WriteString("mode", MediaName(fax.Mode));
        w.WriteString("modeReason", fax.ModeReason);
        if (fax.T38 is { } t38)
        {
            w.WriteStartObject("t38");
            w.WriteNumber("version", t38.Version);
            w.WriteNumber("maxBitRate", t38.MaxBitRate);
            w.WriteString("rateManagement", t38.RateManagement);
            w.WriteString("errorCorrection", t38.ErrorCorrection);
            if (t38.RemoteMaxDatagram is { } datagram)
            {
                w.WriteNumber("remoteMaxDatagram", datagram);
            }
            else
            {
                w.WriteNull("remoteMaxDatagram");
            }

            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("t38");
        }

        w.WriteNumber("pages", fax.Pages);
        w.WriteNumber("bitRate", fax.BitRate);
        w.WriteBoolean("ecm", fax.Ecm);
        w.WriteBoolean("success", fax.Success);
        w.WriteString("result", fax.Result);
        w.WriteStartObject("network");
        w.WriteNumber("packetsSent", fax.Network.PacketsSent);
        w.WriteNumber("packetsReceived", fax.Network.PacketsReceived);
        w.WriteNumber("packetsLost", fax.Network.PacketsLost);
        w.WriteNumber("recoveredByRedundancy", fax.Network.RecoveredByRedundancy);
        w.WriteNumber("jitterMilliseconds", Math.Round(fax.Network.JitterMilliseconds, 2));
        w.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static void WriteTime(Utf8JsonWriter w, string name, DateTimeOffset? value)
    {
        if (value is { } v)
        {
            w.WriteString(name, v.ToUniversalTime());
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
