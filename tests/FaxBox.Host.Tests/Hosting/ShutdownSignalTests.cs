using System.Runtime.InteropServices;
using FaxBox.Core;
using FaxBox.Host.Hosting;

namespace FaxBox.Host.Tests.Hosting;

/// <summary><see cref="ShutdownSignal"/>: the first signal starts a graceful shutdown, the second forces the exit.</summary>
[Collection(SignalTests.Name)]
public sealed class ShutdownSignalTests
{
    private readonly ListLogger _log = new();
    private readonly List<int> _forcedExits = [];

    [Theory]
    [InlineData(PosixSignal.SIGTERM)]
    [InlineData(PosixSignal.SIGINT)]
    [InlineData(PosixSignal.SIGQUIT)]
    public void The_first_signal_cancels_the_token_and_keeps_the_runtime_from_ending_the_process(PosixSignal signal)
    {
        using var shutdown = new ShutdownSignal(_log, _forcedExits.Add, register: false);
        var context = new PosixSignalContext(signal);

        shutdown.Handle(context);

        Assert.True(context.Cancel);
        Assert.True(shutdown.Token.WaitHandle.WaitOne(TimeSpan.FromSeconds(10)), "token not cancelled");
        Assert.Equal(signal, shutdown.Signal);
        Assert.Empty(_forcedExits);
        Assert.Contains(_log.Entries, e => e.EventId == LogEventIds.Host + 120 && e.Message.Contains(signal.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public void A_second_signal_forces_the_exit_with_128_plus_its_number()
    {
        using var shutdown = new ShutdownSignal(_log, _forcedExits.Add, register: false);
        shutdown.Handle(new PosixSignalContext(PosixSignal.SIGTERM));

        var second = new PosixSignalContext(PosixSignal.SIGINT);
        shutdown.Handle(second);

        Assert.Equal([130], _forcedExits);
        Assert.True(second.Cancel);
        Assert.Equal(PosixSignal.SIGTERM, shutdown.Signal);
    }

    [Fact]
    public void A_shutdown_requested_in_code_cancels_the_token_without_a_signal()
    {
        using var shutdown = new ShutdownSignal(_log, _forcedExits.Add, register: false);

        shutdown.Request("the board went away");

        Assert.True(shutdown.Token.WaitHandle.WaitOne(TimeSpan.FromSeconds(10)));
        Assert.Null(shutdown.Signal);
        Assert.Contains(_log.Entries, e => e.Message.Contains("the board went away", StringComparison.Ordinal));
    }

    [Fact]
    public void Real_SIGTERM_then_SIGTERM_again_shut_down_then_force_the_exit()
    {
        using var forced = new ManualResetEventSlim();
        using var shutdown = new ShutdownSignal(_log, code => { lock (_forcedExits) { _forcedExits.Add(code); } forced.Set(); });

        SignalTests.Kill("TERM");
        Assert.True(shutdown.Token.WaitHandle.WaitOne(TimeSpan.FromSeconds(10)), "SIGTERM did not cancel the token");
        Assert.Equal(PosixSignal.SIGTERM, shutdown.Signal);

        SignalTests.Kill("TERM");
        Assert.True(forced.Wait(TimeSpan.FromSeconds(10)), "the second SIGTERM did not force the exit");
        lock (_forcedExits)
        {
            Assert.Equal([143], _forcedExits);
        }
    }
}
