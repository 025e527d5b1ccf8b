using FaxBox.Admin.Logs;
using Microsoft.Extensions.Logging;

namespace FaxBox.Admin.Tests.Diagnostics;

/// <summary>The in-memory log behind the log view: newest first, bounded, filtered by level and text.</summary>
public sealed class LogRingTests
{
    [Fact]
    public void The_ring_keeps_the_newest_entries_and_filters_by_level_and_text()
    {
        var ring = new LogRing(capacity: 3);
        ring.Add(LogLevel.Information, "FaxBox.A", 1, "one");
        ring.Add(LogLevel.Warning, "FaxBox.B", 2, "two");
        ring.Add(LogLevel.Error, "FaxBox.C", 3, "three");
        ring.Add(LogLevel.Information, "FaxBox.D", 4, "four");

        Assert.Equal(4, ring.Count);
        Assert.Equal(["four", "three", "two"], ring.Snapshot().Select(e => e.Message));
        Assert.Equal(["three", "two"], ring.Snapshot(LogLevel.Warning).Select(e => e.Message));
        Assert.Equal(["three"], ring.Snapshot(contains: "THR").Select(e => e.Message));
        Assert.Equal(["two"], ring.Snapshot(contains: "faxbox.b").Select(e => e.Message));
        Assert.Equal(["four"], ring.Snapshot(max: 1).Select(e => e.Message));
        Assert.Equal([3L, 2L, 1L], ring.Snapshot().Select(e => e.Sequence));
    }

    [Fact]
    public void The_provider_keeps_its_own_minimum_cuts_long_messages_and_names_exceptions()
    {
        var ring = new LogRing();
        using var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new LogRingProvider(ring, LogLevel.Information)));
        var logger = factory.CreateLogger("FaxBox.Test");
        logger.LogDebug("not kept");
        logger.LogInformation("kept {Value}", 42);
        logger.LogWarning(new IOException("disk full"), "write failed");
        logger.LogInformation("{Long}", new string('x', LogRing.MaxMessageChars + 100));

        var entries = ring.Snapshot();
        Assert.Equal(3, entries.Count);
        Assert.Equal(LogRing.MaxMessageChars + 1, entries[0].Message.Length);
        Assert.Equal("write failed (IOException: disk full)", entries[1].Message);
        Assert.Equal("kept 42", entries[2].Message);
        Assert.Equal("FaxBox.Test", entries[2].Category);
    }
}
