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

    [Fact]
    public void The_resident_set_agrees_with_the_kernels_VmRSS()
    {
        var status = File.ReadAllLines("/proc/self/status").Single(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        long kernel = long.Parse(status.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;

        long sampled = HealthSampler.ResidentBytes();

        // Both read the same counter a moment apart: within 10 % (a test host's RSS moves a little between the reads).
        Assert.InRange(sampled, kernel * 9 / 10, kernel * 11 / 10);
    }
}
