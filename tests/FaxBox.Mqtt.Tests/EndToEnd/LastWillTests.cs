using System.Diagnostics;
using System.Globalization;
using FaxBox.Host.Configuration;
using FaxBox.Mqtt.Tests.Infrastructure;

namespace FaxBox.Mqtt.Tests.EndToEnd;

/// <summary><c>faxbox run</c> as a child process, configured for mosquitto, killed with SIGKILL: the broker publishes its last will.</summary>
public sealed class LastWillTests
{
    [Fact]
    public async Task When_faxbox_run_is_killed_with_SIGKILL_the_broker_publishes_its_last_will_offline()
    {
        using var broker = await Infrastructure.Mosquitto.StartAsync();
        using var folder = TestPaths.NewTempFolder();
        var sip = FreePort.Udp();
        var media = 44000 + (2 * Random.Shared.Next(0, 1400));
        var json = FaxBoxConfiguration.EmbeddedDefaultText()
            .Replace("\"port\": 5060", $"\"port\": {sip}", StringComparison.Ordinal)
            .Replace("127.0.0.1:5060", $"127.0.0.1:{sip}", StringComparison.Ordinal)
            .Replace("\"portMin\": 40000", $"\"portMin\": {media}", StringComparison.Ordinal)
            .Replace("\"portMax\": 40999", $"\"portMax\": {media + 99}", StringComparison.Ordinal)
            .Replace("http://127.0.0.1:8080", "http://127.0.0.1:0", StringComparison.Ordinal)
            .Replace("\"~/.local/share/faxbox\"", $"\"{folder.Path}\"", StringComparison.Ordinal)
            .Replace("\"embeddedPort\": 1883,", $"\"url\": \"{broker.Url}\", \"deviceId\": \"will-box\",", StringComparison.Ordinal);
        Assert.Contains("will-box", json, StringComparison.Ordinal);
        File.WriteAllText(folder.File("faxbox.json"), json);
        await using var probe = await MqttProbe.ConnectAsync("127.0.0.1", broker.Port, ["faxbox/will-box/status"]);
        var faxbox = Path.Combine(AppContext.BaseDirectory, "faxbox.dll");
        using var process = Process.Start(new ProcessStartInfo("dotnet", [faxbox, "run", "--config", folder.File("faxbox.json"), "--for", "00:03:00"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        try
        {
            await probe.WaitForAsync(m => m.Any(x => x.Text == "online"), TimeSpan.FromSeconds(90), "faxbox run online");

            Infrastructure.Mosquitto.Run("kill", "-KILL", process.Id.ToString(CultureInfo.InvariantCulture));

            await probe.WaitForAsync(m => m.LastOrDefault()?.Text == "offline", TimeSpan.FromSeconds(30), "the last will");
            Assert.True(process.WaitForExit(10_000));
            Assert.Equal(137, process.ExitCode); // 128 + SIGKILL: no clean stop could have sent it
            Assert.Contains("faxbox: MQTT status as faxbox/will-box/… to " + broker.Url, await output, StringComparison.Ordinal);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }
}
