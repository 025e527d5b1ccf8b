using System.Collections.Concurrent;
using FaxBox.Core;
using FaxBox.Testing;
using Microsoft.Extensions.Logging;

namespace FaxBox.Fax.SpanDsp.Tests.T30;

/// <summary>spandsp's log lines reach the ILogger of the call that wrote them, not stderr and not another call.</summary>
public sealed class LoggingTests
{
    [Fact]
    public void Each_call_logs_to_its_own_category_with_the_native_tag_removed()
    {
        using var temp = TestPaths.NewTempFolder();
        var provider = new CapturingProvider();
        using var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(provider));
        var engine = new SpanDspFaxEngine(factory);
        using var tx = engine.CreateAudioTerminal(new FaxTerminalOptions { Direction = FaxDirection.Send, SendFile = TestPaths.SharedFile("captures/test-2p-g3.tif"), LogTag = "tx-call" });
        using var rx = engine.CreateAudioTerminal(new FaxTerminalOptions { Direction = FaxDirection.Receive, ReceiveFile = temp.File("rx.tif"), LogTag = "rx-call" });
        var a = new short[AudioFrame.Samples];
        var b = new short[AudioFrame.Samples];
        for (var i = 0; i < 3000 && !(tx.IsComplete && rx.IsComplete); i++)
        {
            tx.TransmitAudio(a);
            rx.TransmitAudio(b);
            tx.ReceiveAudio(b);
            rx.ReceiveAudio(a);
        }

        Assert.True(rx.Result!.Success);
        var entries = provider.Entries.ToList();
        var txLines = entries.Where(e => e.Category == "FaxBox.Fax.SpanDsp.tx-call").Select(e => e.Message).ToList();
        var rxLines = entries.Where(e => e.Category == "FaxBox.Fax.SpanDsp.rx-call").Select(e => e.Message).ToList();
        Assert.NotEmpty(txLines);
        Assert.NotEmpty(rxLines);

        // Native flow lines (spandsp's own wording) arrive per call, without the routing tag in front.
        Assert.Contains(txLines, m => m.Contains("Tx:", StringComparison.Ordinal) && m.Contains("DCS", StringComparison.Ordinal));
        Assert.Contains(rxLines, m => m.Contains("Tx:", StringComparison.Ordinal) && m.Contains("DIS", StringComparison.Ordinal));
        Assert.DoesNotContain(txLines.Concat(rxLines), m => m.StartsWith("tx-call#", StringComparison.Ordinal) || m.StartsWith("rx-call#", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => e.Category == "FaxBox.Fax.SpanDsp.Native" && e.Message.Contains("DCS", StringComparison.Ordinal));
    }

    private sealed class CapturingProvider : ILoggerProvider
    {
        public ConcurrentQueue<(string Category, LogLevel Level, string Message)> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Capturing(categoryName, Entries);

        public void Dispose()
        {
        }

        private sealed class Capturing(string category, ConcurrentQueue<(string, LogLevel, string)> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Enqueue((category, logLevel, formatter(state, exception)));
        }
    }
}
