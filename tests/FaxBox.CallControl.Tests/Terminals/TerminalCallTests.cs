using FaxBox.CallControl.Bridging;
using FaxBox.CallControl.Configuration;
using FaxBox.CallControl.Terminals;
using FaxBox.CallControl.Tests.Gateway;
using FaxBox.Core.Status;
using FaxBox.Fax.Documents;
using FaxBox.LineInterface.Simulated;
using FaxBox.LineInterface.Simulated.Scenarios;
using Microsoft.Extensions.Logging.Abstractions;

namespace FaxBox.CallControl.Tests.Terminals;

/// <summary>
/// The box's own fax terminal on SIP calls, end to end through real sockets on 127.0.0.1 with a virtual clock: terminal to
/// terminal over T.38 and G.711, to and from a port's virtual fax machine, and the calls that never become a fax.
/// </summary>
public sealed class TerminalCallTests : IDisposable
{
    private const string TerminalNumber = "300";
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);
    private readonly TempFolder _work = TestPaths.NewTempFolder();

    public void Dispose() => _work.Dispose();

    private static CallMediaFactory RealMedia(GatewayOptions options) => new(options.Media, Native.Engine, NullLoggerFactory.Instance);

    private static readonly SimulationScenario NoMachines = new() { Ports = [] };

    /// <summary>Nothing on B's FXS port: it rings until the caller gives up.</summary>
    private static readonly SimulationScenario NobodyHome = new() { Ports = [new SimulatedPortScenario { Port = 0, Type = ScenarioPortType.Fxs, Terminal = null }] };

    private async Task<GatewayBox> Box(string name, string? target, SimulationScenario? scenario = null, Action<GatewayOptions>? configure = null, RecordingFaxSink? sink = null)
    {
        var options = GatewayBox.Options(name, target);
        options.Terminal.Numbers = [TerminalNumber];
        options.Terminal.LocalIdent = name.ToUpperInvariant();
        configure?.Invoke(options);
        var box = GatewayBox.Create(options, scenario ?? NoMachines, RealMedia(options), Path.Combine(_work.Path, name));
        box.Gateway.FaxSink = sink;
        await Task.Yield();
        return box;
    }

    private string Document(int pages)
    {
        var path = Path.Combine(_work.Path, $"send-{pages}.tif");
        if (!File.Exists(path))
        {
            TestPageGenerator.Write(path, new TestPageOptions { Pages = pages, StationIdent = "TERMINAL TEST" });
        }

        return path;
    }

    private static FaxCallRequest Request(string to, string file, FaxTransport transport, bool ecm = true, int rate = 14_400) =>
        new(to, file, transport, ecm, rate, null, "SENDER", null, "test") { SubAddress = "42" };

    private static void AssertSamePages(string sent, string received)
    {
        var comparison = FaxDocumentComparer.Compare(sent, received);
        Assert.True(comparison.Identical, comparison.ToString());
    }

    [Fact]
    public async Task Terminal_to_terminal_over_T38_delivers_every_page_with_progress_record_and_sub_address()
    {
        var sink = new RecordingFaxSink(Path.Combine(_work.Path, "inbox"));
        await using var b = await Box("boxb", null, sink: sink);
        await using var a = await Box("boxa", b.SipHostPort);
        var progress = new SyncProgress<FaxProgress>();
        var sending = a.Gateway.SendAsync(Request(TerminalNumber, Document(2), FaxTransport.T38), progress, CancellationToken.None);
        Assert.True(await GatewayBox.Run(() => sending.IsCompleted && !sink.Completions.IsEmpty, Limit, a, b), $"not done by {a.Now}");

        var outcome = await sending;
        Assert.Equal(FaxCallOutcomeKind.Sent, outcome.Kind);
        Assert.Equal(2, outcome.PagesSent);
        Assert.Equal("RECEIVER", outcome.RemoteIdent);
        var record = Assert.IsType<FaxRecord>(outcome.Record);
        Assert.Equal(CallMediaMode.T38, record.Mode);
        Assert.Equal("terminal", record.Port);
        Assert.Equal("outbound", record.Direction);
        Assert.True(record.Success, record.Result);
        Assert.Equal(14_400, record.BitRate);
        Assert.True(record.Ecm);
        Assert.NotNull(record.T38);
        Assert.Equal(T30FrameOrigin.Remote, record.T30Frames.First(f => f.Name == "DIS").From);
        Assert.Equal(T30FrameOrigin.Local, record.T30Frames.First(f => f.Name == "DCS").From);
        Assert.Equal(record.T30Frames.Count(f => f.Name == "PPS" && f.From == T30FrameOrigin.Local), record.T30Frames.Count(f => f.Name == "MCF" && f.From == T30FrameOrigin.Remote));
        Assert.Contains(record.T30Frames, f => f.Name == "FCD" && f.Bytes is null && f.Count > 1); // ECM FCD: folded, no content kept
        Assert.Contains(record.T30Frames, f => f.Name == "DCN");
        Assert.Equal(["B", "D", "D", "E"], progress.Reports.Select(p => p.Phase));
        Assert.Contains(a.Status.Current.RecentFaxes, f => f.Port == "terminal" && f.Success);

        var (call, inbound) = Assert.Single(sink.Completions);
        Assert.Equal(TerminalNumber, call.CalledNumber);
        Assert.Equal("boxa", call.CallerNumber);
        Assert.True(inbound.Success, inbound.Result);
        Assert.Equal(2, inbound.Pages);
        Assert.Equal("SENDER", inbound.RemoteIdent);
        Assert.Equal("42", inbound.SubAddress);
        Assert.Equal(CallMediaMode.T38, inbound.Record?.Mode);
        Assert.StartsWith("box re-INVITE on Cng", inbound.Record?.ModeReason, StringComparison.Ordinal);
        AssertSamePages(Document(2), inbound.ReceivePath);
        Assert.Equal(0, a.Gateway.TerminalCalls);
        Assert.Equal(0, b.Gateway.TerminalCalls);
        Assert.Empty(a.Status.Current.Calls);
    }

    [Fact]
    public async Task A_G711_attempt_refuses_the_receivers_T38_re_INVITE_and_both_carry_on_over_G711()
    {
        var sink = new RecordingFaxSink(Path.Combine(_work.Path, "inbox"));
        await using var b = await Box("boxb", null, sink: sink);
        await using var a = await Box("boxa", b.SipHostPort);
        var sending = a.Gateway.SendAsync(Request(TerminalNumber, Document(1), FaxTransport.G711, rate: 9_600), null, CancellationToken.None);
        Assert.True(await GatewayBox.Run(() => sending.IsCompleted && !sink.Completions.IsEmpty, Limit, a, b), $"not done by {a.Now}");

        var outcome = await sending;
        Assert.Equal(FaxCallOutcomeKind.Sent, outcome.Kind);
        Assert.Equal(CallMediaMode.G711Fax, outcome.Record?.Mode);
        Assert.Equal(9_600, outcome.Record?.BitRate);
        var (_, inbound) = Assert.Single(sink.Completions);
        Assert.True(inbound.Success, inbound.Result);
        Assert.Equal(CallMediaMode.G711Fax, inbound.Record?.Mode);
        Assert.StartsWith("T.38 refused: 488", inbound.Record?.ModeReason, StringComparison.Ordinal);
        AssertSamePages(Document(1), inbound.ReceivePath);
    }

    [Fact]
    public async Task A_G711_receiver_takes_a_T38_attempt_over_G711_after_the_senders_own_re_INVITE_is_refused()
    {
        var sink = new RecordingFaxSink(Path.Combine(_work.Path, "inbox"));
        await using var b = await Box("boxb", null, configure: o => o.Terminal.Receive = FaxTransport.G711, sink: sink);
        await using var a = await Box("boxa", b.SipHostPort, configure: o => o.Fax.T38Timeout = TimeSpan.FromSeconds(2));
        var sending = a.Gateway.SendAsync(Request(TerminalNumber, Document(1), FaxTransport.T38, ecm: false), null, CancellationToken.None);
        Assert.True(await GatewayBox.Run(() => sending.IsCompleted && !sink.Completions.IsEmpty, Limit, a, b), $"not done by {a.Now}");

        var outcome = await sending;
        Assert.Equal(FaxCallOutcomeKind.Sent, outcome.Kind);
        Assert.Equal(CallMediaMode.G711Fax, outcome.Record?.Mode);
        Assert.False(outcome.Record?.Ecm);
        Assert.StartsWith("T.38 refused: 488", outcome.Record?.ModeReason, StringComparison.Ordinal);
        Assert.EndsWith("carried on over G.711", outcome.Record?.ModeReason, StringComparison.Ordinal);
        AssertSamePages(Document(1), Assert.Single(sink.Completions).Outcome.ReceivePath);
    }

    [Fact]
    public async Task The_terminal_sends_to_a_ports_fax_machine_which_the_far_gateway_switches_to_T38()
    {
        await using var b = await Box("boxb", null, GatewayFaxTests.Receiver());
        await using var a = await Box("boxa", b.SipHostPort);
        var machine = b.Simulation.FaxMachines["fxs0"];
        var sending = a.Gateway.SendAsync(Request("201", Document(1), FaxTransport.T38), null, CancellationToken.None);
        Assert.True(await GatewayBox.Run(() => sending.IsCompleted && machine.State == VirtualFaxState.Finished, Limit, a, b), $"machine {machine.State} at {a.Now}");

        var outcome = await sending;
        Assert.Equal(FaxCallOutcomeKind.Sent, outcome.Kind);
        Assert.Equal(CallMediaMode.T38, outcome.Record?.Mode);
        Assert.Equal("peer re-INVITE to T.38", outcome.Record?.ModeReason);
        Assert.True(machine.Result?.Success, machine.Result?.ToString());
        AssertSamePages(Document(1), Assert.Single(Directory.GetFiles(Path.Combine(b.WorkFolder, "received"), "*.tif")));
    }

    [Fact]
    public async Task A_ports_fax_machine_sends_to_the_boxs_terminal_number()
    {
        var sink = new RecordingFaxSink(Path.Combine(_work.Path, "inbox"));
        await using var b = await Box("boxb", null, sink: sink);
        await using var a = await Box("boxa", b.SipHostPort, GatewayFaxTests.Sender(TerminalNumber, 1));
        var machine = a.Simulation.FaxMachines["fxs0"];
        Assert.True(await GatewayBox.Run(() => machine.State == VirtualFaxState.Finished && !sink.Completions.IsEmpty, Limit, a, b), $"machine {machine.State} at {a.Now}");

        Assert.True(machine.Result?.Success, machine.Result?.ToString());
        var (call, inbound) = Assert.Single(sink.Completions);
        Assert.Equal("201", call.CallerNumber);
        Assert.True(inbound.Success, inbound.Result);
        Assert.Equal("SENDER", inbound.RemoteIdent);
        Assert.Equal(CallMediaMode.T38, inbound.Record?.Mode);
        AssertSamePages(Path.Combine(a.WorkFolder, "fxs0-test-page.tif"), inbound.ReceivePath);
    }

    /// <summary>The default board's line (board-config/simulator.json): 3 dB loss, noise at −65 dBm0, echo 20 dB down.</summary>
    private static readonly LineModelOptions SimulatorLine = new() { GainDb = -3, NoiseDbm0 = -65, EchoReturnLossDb = 20 };

    /// <summary>
    /// The built-in configuration's case: one box holds both legs on one SIP account (the FXS call hairpins through the
    /// account's own target back to the terminal number), on a clean line and on the default board's line. The fax
    /// goes through over T.38 either way. It also pins why the real-time run looked stalled after phase B: the
    /// simulator's generated test page (fine resolution with a dithered grey ramp) is about 570 ECM frames of T.6, so
    /// its phase C alone takes about 100 s at 14,400 bit/s: a real-time run of 90 s ends mid-page, not in a deadlock.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task One_box_hairpins_its_fax_machine_to_its_own_terminal_number(bool simulatorLine)
    {
        var sink = new RecordingFaxSink(Path.Combine(_work.Path, "inbox"));
        int port = FreeUdpPort();
        var sender = GatewayFaxTests.Sender(TerminalNumber, 1);
        var scenario = simulatorLine ? new SimulationScenario { Line = SimulatorLine, Ports = sender.Ports } : sender;
        await using var box = await Box("box", $"127.0.0.1:{port}", scenario, o => o.Accounts[0].Port = port, sink);
        var machine = box.Simulation.FaxMachines["fxs0"];
        long ticks = 0;
        Assert.True(
            await GatewayBox.Run(() => ++ticks > 0 && machine.State == VirtualFaxState.Finished && !sink.Completions.IsEmpty, TimeSpan.FromMinutes(4), box),
            $"machine {machine.State} {machine.Terminal?.GetStatistics()} after {ticks} ticks");

        Assert.True(machine.Result?.Success, machine.Result?.ToString());
        var (call, inbound) = Assert.Single(sink.Completions);
        Assert.Equal("201", call.CallerNumber);
        Assert.Equal(TerminalNumber, call.CalledNumber);
        Assert.True(inbound.Success, inbound.Result);
        Assert.Equal(1, inbound.Pages);
        Assert.Equal(CallMediaMode.T38, inbound.Record?.Mode);
        Assert.Equal(14_400, inbound.Record?.BitRate);
        Assert.Equal(0, inbound.Record?.Network.PacketsLost);
        AssertSamePages(Path.Combine(box.WorkFolder, "fxs0-test-page.tif"), inbound.ReceivePath);

        // The answering side switches (on-ced-or-preamble): the terminal on the machine's CNG. The FXS leg is the caller; the
        // line's echo of the terminal's CED must not make it re-INVITE as well (a glare on every call over a real line).
        Assert.StartsWith("box re-INVITE on", inbound.Record?.ModeReason, StringComparison.Ordinal);
        var fxs = Assert.Single(box.Status.Current.RecentFaxes, f => f.Port == "fxs0");
        Assert.Equal("peer re-INVITE to T.38", fxs.ModeReason);
        var media = TimeSpan.FromMilliseconds(ticks * 20);
        Assert.True(media > TimeSpan.FromSeconds(90) && media < TimeSpan.FromSeconds(150), $"one test page took {media} of media time");
    }

    private static int FreeUdpPort()
    {
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Dgram, System.Net.Sockets.ProtocolType.Udp);
        socket.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        return ((System.Net.IPEndPoint)socket.LocalEndPoint!).Port;
    }

    [Fact]
    public async Task A_declined_call_is_rejected_with_404()
    {
        var sink = new RecordingFaxSink(Path.Combine(_work.Path, "inbox"), accept: false);
        await using var b = await Box("boxb", null, sink: sink);
        await using var a = await Box("boxa", b.SipHostPort);
        var sending = a.Gateway.SendAsync(Request(TerminalNumber, Document(1), FaxTransport.T38), null, CancellationToken.None);
        Assert.True(await GatewayBox.Run(() => sending.IsCompleted, Limit, a, b));

        var outcome = await sending;
        Assert.Equal(FaxCallOutcomeKind.Rejected, outcome.Kind);
        Assert.Equal(404, outcome.SipStatus);
        Assert.Null(outcome.Record);
        Assert.Single(sink.Offers);
        Assert.Empty(sink.Completions);
    }

    [Fact]
    public async Task A_terminal_beyond_max_calls_answers_busy()
    {
        var sink = new RecordingFaxSink(Path.Combine(_work.Path, "inbox"));
        await using var b = await Box("boxb", null, configure: o => o.Terminal.MaxCalls = 0, sink: sink);
        await using var a = await Box("boxa", b.SipHostPort);
        var sending = a.Gateway.SendAsync(Request(TerminalNumber, Document(1), FaxTransport.T38), null, CancellationToken.None);
        Assert.True(await GatewayBox.Run(() => sending.IsCompleted, Limit, a, b));

        var outcome = await sending;
        Assert.Equal(FaxCallOutcomeKind.Busy, outcome.Kind);
        Assert.Equal(486, outcome.SipStatus);
        Assert.Empty(sink.Offers);
    }

    [Fact]
    public async Task A_call_nobody_answers_is_cancelled_after_the_ring_timeout_as_no_answer()
    {
        await using var b = await Box("boxb", null, NobodyHome);
        await using var a = await Box("boxa", b.SipHostPort, configure: o => o.Terminal.RingTimeout = TimeSpan.FromSeconds(3));
        var sending = a.Gateway.SendAsync(Request("201", Document(1), FaxTransport.T38), null, CancellationToken.None);
        Assert.True(await GatewayBox.Run(() => sending.IsCompleted, Limit, a, b));

        var outcome = await sending;
        Assert.True(outcome.Kind == FaxCallOutcomeKind.NoAnswer, $"{outcome.Kind}: {outcome.Reason}");
        Assert.Equal("no answer within 3 s", outcome.Reason);
        Assert.Equal(0, a.Gateway.TerminalCalls);
    }

    [Fact]
    public async Task A_terminal_call_tick_allocates_nothing()
    {
        // Steady state on the media path: a tick of a call (here one ringing, which every call is first) makes no garbage.
        // A lambda in Tick capturing a local once made the compiler allocate its closure at every tick of every call.
        await using var b = await Box("boxb", null, NobodyHome);
        await using var a = await Box("boxa", b.SipHostPort, configure: o => o.Terminal.RingTimeout = TimeSpan.FromMinutes(5));
        var sending = a.Gateway.SendAsync(Request("201", Document(1), FaxTransport.T38), null, CancellationToken.None);
        Assert.True(await GatewayBox.Run(() => b.Port("fxs0").State == PortState.Ringing, Limit, a, b), "B never rang");

        var call = Assert.Single(a.Gateway.Terminals.Calls);
        Assert.False(call.IsDone);
        var now = a.Gateway.Terminals.Now;
        for (var i = 0; i < 10; i++)
        {
            call.Tick(now);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            call.Tick(now + TimeSpan.FromMilliseconds(20 * i));
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.False(call.IsDone);
        Assert.False(sending.IsCompleted);
    }

    [Fact]
    public async Task Cancelling_a_ringing_call_sends_CANCEL_and_ends_as_cancelled()
    {
        await using var b = await Box("boxb", null, NobodyHome);
        await using var a = await Box("boxa", b.SipHostPort);
        using var cancel = new CancellationTokenSource();
        var sending = a.Gateway.SendAsync(Request("201", Document(1), FaxTransport.T38), null, cancel.Token);
        Assert.True(await GatewayBox.Run(() => b.Port("fxs0").State == PortState.Ringing, Limit, a, b), "B never rang");
        cancel.Cancel();
        Assert.True(await GatewayBox.Run(() => sending.IsCompleted && b.Port("fxs0").State == PortState.Idle, Limit, a, b), $"B is {b.Port("fxs0").State}");

        var outcome = await sending;
        Assert.Equal(FaxCallOutcomeKind.Cancelled, outcome.Kind);
        Assert.Empty(a.Status.Current.Calls);
    }

    [Fact]
    public async Task Cancelling_a_fax_in_progress_hangs_up_and_the_receiver_keeps_what_it_has()
    {
        var sink = new RecordingFaxSink(Path.Combine(_work.Path, "inbox"));
        await using var b = await Box("boxb", null, sink: sink);
        await using var a = await Box("boxa", b.SipHostPort);
        using var cancel = new CancellationTokenSource();
        var progress = new SyncProgress<FaxProgress>();
        var sending = a.Gateway.SendAsync(Request(TerminalNumber, Document(3), FaxTransport.T38), progress, cancel.Token);
        Assert.True(await GatewayBox.Run(() => progress.Reports.Any(p => p.Phase == "D"), Limit, a, b), "no page went through");
        cancel.Cancel();
        Assert.True(await GatewayBox.Run(() => sending.IsCompleted && !sink.Completions.IsEmpty, Limit, a, b));

        var outcome = await sending;
        Assert.Equal(FaxCallOutcomeKind.Cancelled, outcome.Kind);
        Assert.False(outcome.Record?.Success);
        var (_, inbound) = Assert.Single(sink.Completions);
        Assert.False(inbound.Success);
        Assert.InRange(inbound.Pages, 1, 2);
    }

    [Fact]
    public async Task A_receiver_that_dies_mid_fax_ends_the_senders_call_within_seconds_not_at_the_T30_timeouts()
    {
        var sink = new RecordingFaxSink(Path.Combine(_work.Path, "inbox"));
        await using var b = await Box("boxb", null, sink: sink);
        await using var a = await Box("boxa", b.SipHostPort);
        var progress = new SyncProgress<FaxProgress>();
        var sending = a.Gateway.SendAsync(Request(TerminalNumber, Document(3), FaxTransport.T38), progress, CancellationToken.None);
        Assert.True(await GatewayBox.Run(() => progress.Reports.Any(p => p.Phase == "D"), Limit, a, b), "no page went through");

        // B dies: no BYE, its media sockets closed, nothing ticks it any more.
        Assert.Single(b.Gateway.Terminals.Calls).Media.Dispose();
        var diedAt = a.Gateway.Terminals.Now;
        Assert.True(await GatewayBox.Run(() => sending.IsCompleted, TimeSpan.FromSeconds(20), a), $"still on the call {a.Gateway.Terminals.Now - diedAt} after B died");

        var outcome = await sending;
        Assert.Equal(FaxCallOutcomeKind.NetworkError, outcome.Kind); // retried with back-off, not a step down the ladder
        Assert.False(outcome.Record?.Success);
        Assert.Contains("the far end stopped answering", outcome.Reason, StringComparison.Ordinal);
        Assert.InRange(a.Gateway.Terminals.Now - diedAt, TerminalCall.DeadPeerAfter, TerminalCall.DeadPeerAfter + TimeSpan.FromSeconds(3));
        Assert.InRange(outcome.PagesSent, 1, 2);
    }

    [Fact]
    public async Task Ten_concurrent_T38_faxes_all_go_through()
    {
        const int Calls = 10;
        var sink = new RecordingFaxSink(Path.Combine(_work.Path, "inbox"));
        await using var b = await Box("boxb", null, sink: sink);
        await using var a = await Box("boxa", b.SipHostPort);
        var sends = Enumerable.Range(0, Calls).Select(_ => a.Gateway.SendAsync(Request(TerminalNumber, Document(1), FaxTransport.T38), null, CancellationToken.None)).ToArray();
        Assert.True(await GatewayBox.Run(() => sends.All(s => s.IsCompleted) && sink.Completions.Count == Calls, Limit, a, b), $"{sends.Count(s => s.IsCompleted)} sent, {sink.Completions.Count} received");

        foreach (var send in sends)
        {
            var outcome = await send;
            Assert.True(outcome.Kind == FaxCallOutcomeKind.Sent, outcome.Reason);
            Assert.Equal(CallMediaMode.T38, outcome.Record?.Mode);
        }

        foreach (var (_, inbound) in sink.Completions)
        {
            Assert.True(inbound.Success, inbound.Result);
            AssertSamePages(Document(1), inbound.ReceivePath);
        }
    }

    [Fact]
    public async Task With_the_terminals_on_their_own_thread_a_T38_fax_goes_through_and_the_media_tick_never_runs_them()
    {
        var sink = new RecordingFaxSink(Path.Combine(_work.Path, "inbox"));
        await using var b = await Box("boxb", null, configure: o => o.Terminal.OwnThread = true, sink: sink);
        await using var a = await Box("boxa", b.SipHostPort, configure: o => o.Terminal.OwnThread = true);
        var workers = a.Gateway.TerminalWorkers.Concat(b.Gateway.TerminalWorkers).ToArray();
        Assert.Equal(2 * Math.Max(1, Environment.ProcessorCount), workers.Length);
        var sending = a.Gateway.SendAsync(Request(TerminalNumber, Document(1), FaxTransport.T38), null, CancellationToken.None);

        // Step the virtual clock and let both terminal threads catch up after each tick, so the two boxes stay in step.
        var ticks = (long)(Limit / Core.AudioFrame.Duration);
        var wall = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        for (long i = 0; i < ticks && DateTime.UtcNow < wall && !(sending.IsCompleted && !sink.Completions.IsEmpty); i++)
        {
            a.Tick();
            b.Tick();
            Assert.All(workers, w => Assert.True(w.WaitCaughtUp(TimeSpan.FromSeconds(10)), "a terminal thread did not catch up"));
            if (a.Gateway.PendingSignalling > 0 || b.Gateway.PendingSignalling > 0)
            {
                await Task.Delay(1);
            }
        }

        var outcome = await sending;
        Assert.True(outcome.Kind == FaxCallOutcomeKind.Sent, outcome.Reason);
        Assert.Equal(CallMediaMode.T38, outcome.Record?.Mode);
        var (_, inbound) = Assert.Single(sink.Completions);
        Assert.True(inbound.Success, inbound.Result);
        AssertSamePages(Document(1), inbound.ReceivePath);
        Assert.Contains(a.Gateway.TerminalWorkers, w => w.TicksRun > 1000);
        Assert.Contains(b.Gateway.TerminalWorkers, w => w.TicksRun > 1000);
        Assert.All(workers, w => Assert.Equal(0, w.Faults));
    }

    [Fact]
    public async Task By_default_the_terminals_tick_on_the_media_thread_and_changing_that_needs_a_restart()
    {
        await using var box = await Box("boxc", null);
        Assert.Empty(box.Gateway.TerminalWorkers);

        var changed = GatewayBox.Options("boxc", null);
        changed.Terminal.Numbers = [TerminalNumber];
        changed.Terminal.LocalIdent = "BOXC";
        changed.Terminal.OwnThread = true;
        Assert.Contains("terminal.ownThread", box.Gateway.Apply(changed));
        Assert.Empty(box.Gateway.TerminalWorkers);
    }

    /// <summary>
    /// Regression: a call that finds no free port in the media range (MediaPortAllocator's IOException) must give its
    /// terminal slot back. It used to escape as an exception with the slot still counted, so a box under a burst of such
    /// failures (the kill -9 trials) refused every later call with "the terminal already has N calls".
    /// </summary>
    [Fact]
    public async Task A_call_with_no_free_media_port_fails_as_a_network_error_and_gives_its_slot_back()
    {
        int block = FaxBox.Testing.Interop.FreePorts.UdpBlock(4);
        var held = Enumerable.Range(block, 4).Select(port =>
        {
            var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Dgram, System.Net.Sockets.ProtocolType.Udp);
            socket.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, port));
            return socket;
        }).ToList();
        try
        {
            await using var b = await Box("boxb", null, sink: new RecordingFaxSink(Path.Combine(_work.Path, "inbox")));
            await using var a = await Box("boxa", b.SipHostPort, configure: o =>
            {
                o.Media.PortMin = block;
                o.Media.PortMax = block + 3;
                o.Terminal.MaxCalls = 1;
            });

            for (int i = 0; i < 3; i++)
            {
                var outcome = await a.Gateway.SendAsync(Request(TerminalNumber, Document(1), FaxTransport.T38), null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
                Assert.Equal(FaxCallOutcomeKind.NetworkError, outcome.Kind);
                Assert.StartsWith("no media for the call: no free", outcome.Reason, StringComparison.Ordinal);
                Assert.Equal(0, a.Gateway.TerminalCalls);
            }
        }
        finally
        {
            held.ForEach(s => s.Dispose());
        }
    }

    [Theory]
    [InlineData(486, FaxCallOutcomeKind.Busy)]
    [InlineData(600, FaxCallOutcomeKind.Busy)]
    [InlineData(408, FaxCallOutcomeKind.NoAnswer)]
    [InlineData(480, FaxCallOutcomeKind.NoAnswer)]
    [InlineData(404, FaxCallOutcomeKind.Rejected)]
    [InlineData(603, FaxCallOutcomeKind.Rejected)]
    [InlineData(503, FaxCallOutcomeKind.NetworkError)]
    [InlineData(0, FaxCallOutcomeKind.NetworkError)]
    public void Final_SIP_statuses_map_to_the_outcome_kinds_the_retry_ladder_needs(int status, FaxCallOutcomeKind kind) =>
        Assert.Equal(kind, TerminalCall.OutcomeKindFor(status));
}
