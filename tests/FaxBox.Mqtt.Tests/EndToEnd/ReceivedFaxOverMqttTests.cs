using System.Net;
using System.Text.Json;
using FaxBox.CallControl.Configuration;
using FaxBox.CallControl.Terminals;
using FaxBox.Fax.Documents;
using FaxBox.Host.Cli;
using FaxBox.Mqtt.Configuration;
using FaxBox.Mqtt.Publishing;
using FaxBox.Mqtt.Tests.Infrastructure;
using FaxBox.Mqtt.Tests.Schemas;
using Microsoft.Extensions.Logging.Abstractions;

namespace FaxBox.Mqtt.Tests.EndToEnd;

/// <summary>
/// A fax the box receives itself (its own terminal answering its number), in real time over loopback SIP and T.38,
/// published to Debian's mosquitto: call start and end, fax progress B, the page, E, and the completed record, every
/// payload valid against its schema.
/// </summary>
public sealed class ReceivedFaxOverMqttTests
{
    [Fact]
    public async Task A_fax_the_box_receives_is_published_with_progress_and_record_matching_the_schemas()
    {
        using var folder = TestPaths.NewTempFolder();
        using var broker = await Infrastructure.Mosquitto.StartAsync();
        var page = folder.File("page.tif");
        TestPageGenerator.Write(page, new TestPageOptions { Pages = 1, Height = 120 });
        var received = Directory.CreateDirectory(Path.Combine(folder.Path, "received")).FullName;

        await using var receiver = TerminalCliBox.Start(
            new IPEndPoint(IPAddress.Loopback, FreePort.Udp()), new TerminalOptions { Numbers = ["300"], LocalIdent = "RECEIVER" }, NullLoggerFactory.Instance);
        receiver.Gateway.FaxSink = new FolderFaxSink(received, 1, "RECEIVER");
        await using var mqtt = await MqttStatusService.StartAsync(
            new MqttOptions { Url = broker.Url, DeviceId = "receiver", HomeAssistant = false }, receiver.Gateway.Status, "receiver", folder.Path, NullLoggerFactory.Instance);
        var topics = mqtt!.Publisher.Topics;
        await using var probe = await MqttProbe.ConnectAsync("127.0.0.1", broker.Port, [$"{topics.Root}/#"]);
        await using var sender = TerminalCliBox.Start(new IPEndPoint(IPAddress.Loopback, FreePort.Udp()), new TerminalOptions { LocalIdent = "SENDER" }, NullLoggerFactory.Instance);
        var to = $"sip:300@{receiver.Gateway.SipEndPoints.Values.Single()}";

        var outcome = await sender.Gateway.SendAsync(
            new FaxCallRequest(to, page, FaxTransport.T38, true, 14_400, null, "SENDER", null, "mqtt test"), null, CancellationToken.None)
            .WaitAsync(TimeSpan.FromMinutes(2));

        Assert.True(outcome.Kind == FaxCallOutcomeKind.Sent, outcome.Reason);
        var messages = await probe.WaitForAsync(m => m.Any(x => x.Topic == topics.FaxCompleted) && m.Any(x => x.Topic == topics.CallEnd), TimeSpan.FromSeconds(30), "fax/completed and call/end");
        var errors = messages.SelectMany(m => PayloadSchemas.Check(topics, m.Topic, m.Payload)).ToList();
        Assert.True(errors.Count == 0, string.Join('\n', errors));
        Assert.Contains(messages, m => m.Topic == topics.CallStart);
        var steps = messages.Where(m => m.Topic == topics.FaxProgress)
            .Select(m => JsonDocument.Parse(m.Payload).RootElement)
            .Select(e => $"{e.GetProperty("phase").GetString()}{e.GetProperty("pages").GetInt32()}")
            .ToList();
        Assert.Equal(["B0", "D1", "E1"], steps);
        var record = JsonDocument.Parse(messages.Single(m => m.Topic == topics.FaxCompleted).Payload).RootElement;
        Assert.Equal(("terminal", "inbound", 1, true), (record.GetProperty("port").GetString(), record.GetProperty("direction").GetString(), record.GetProperty("pages").GetInt32(), record.GetProperty("success").GetBoolean()));
        Assert.Single(Directory.GetFiles(received, "*.tif"));
    }
}
