using FaxBox.Mqtt.Payloads;
using FaxBox.Mqtt.Tests.Infrastructure;

namespace FaxBox.Mqtt.Tests.Publishing;

public sealed class HealthSamplerTests
{
    [Fact]
    public void Temperature_comes_from_the_first_readable_thermal_zone_in_degrees()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.File("thermal_zone1"));
        File.WriteAllText(Path.Combine(folder.File("thermal_zone1"), "temp"), "61234\n");
        Directory.CreateDirectory(folder.File("thermal_zone0")); // no temp file: skipped

        var sampler = new HealthSampler(TimeProvider.System, folder.Path);

        Assert.Equal(61.234, sampler.ReadTemperature());
        Assert.Null(new HealthSampler(TimeProvider.System, folder.File("none")).ReadTemperature());
    }

    [Fact]
    public void A_sample_has_uptime_memory_and_the_queue_figures()
    {
        var sampler = new HealthSampler(TimeProvider.System);
        var started = DateTimeOffset.UtcNow.AddMinutes(-5);

        var health = sampler.Sample(started, eventsQueued: 3, eventsDropped: 1, connects: 2);

        Assert.InRange(health.Uptime.TotalMinutes, 4.9, 6);
        Assert.True(health.MemoryBytes > 0);
        Assert.True(health.CpuPercent >= 0);
        Assert.Equal((3, 1L, 2L), (health.EventsQueued, health.EventsDropped, health.Connects));
    }
}
