using FaxBox.CallControl.Configuration;
using FaxBox.Core.Status;
using FaxBox.Fax.Tones;
using FaxBox.LineInterface;
using FaxBox.LineInterface.Simulated.Scenarios;

namespace FaxBox.CallControl.Tests.Gateway;

/// <summary>
/// Two boxes on real SIP sockets on 127.0.0.1, simulated lines with virtual phones, and in-process call media: calls both
/// ways, call progress, FXO both ways, and the fax switch-over decisions (T.38 by re-INVITE, refusal and fallback, glare).
/// </summary>
public sealed class GatewaySignallingTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);
    private readonly TempFolder _work = TestPaths.NewTempFolder();

    public void Dispose() => _work.Dispose();

    private static SimulationScenario Phones(string? dials = null, params ExchangeLineScenario[] lines) => Phones(dials, 1, lines);

    private static SimulationScenario Phones(string? dials, int answerAfterRings, params ExchangeLineScenario[] lines) => new()
    {
        Ports = [new SimulatedPortScenario { Port = 0, Type = ScenarioPortType.Fxs, Terminal = new SimulatedTerminalScenario { Kind = SimulatedTerminalKind.Phone, PhoneDials = dials, AnswerAfterRings = answerAfterRings } }],
        ExchangeLines = lines,
    };

    private async Task<(GatewayBox A, GatewayBox B, FakeCallMediaFactory MediaA, FakeCallMediaFactory MediaB)> TwoBoxes(
        string dials = "201", FaxOptions? faxA = null, FaxOptions? faxB = null, SimulationScenario? scenarioB = null)
    {
        var mediaB = new FakeCallMediaFactory();
        var b = GatewayBox.Create(GatewayBox.Options("boxb", null, fax: faxB), scenarioB ?? Phones(), mediaB, Path.Combine(_work.Path, "b"));
        var mediaA = new FakeCallMediaFactory();
        var a = GatewayBox.Create(GatewayBox.Options("boxa", b.SipHostPort, fax: faxA), Phones(dials), mediaA, Path.Combine(_work.Path, "a"));
        await Task.CompletedTask;
        return (a, b, mediaA, mediaB);
    }

    private static async Task<bool> Connect(GatewayBox a, GatewayBox b)
    {
        var ringback = false;
        a.Simulation.Phones["fxs0"].OffHook();
        Assert.True(
            await GatewayBox.Run(
                () =>
                {
                    ringback |= a.Simulation.FxsPorts[0].Tone == CallProgressTone.Ringback;
                    return a.Port("fxs0").State == PortState.Connected && b.Port("fxs0").State == PortState.Connected;
                },
                Limit,
                a,
                b),
            $"A {a.Port("fxs0").State}, B {b.Port("fxs0").State}");
        return ringback;
    }

    [Fact]
    public async Task A_dialled_call_rings_the_far_port_with_caller_id_and_connects_voice()
    {
        var (a, b, mediaA, mediaB) = await TwoBoxes(scenarioB: Phones(null, answerAfterRings: 2));
        await using (a)
        await using (b)
        {
            Assert.True(await Connect(a, b), "A's port never played ringback");
            Assert.Equal(CallMediaMode.Voice, mediaA.Last!.Mode);
            Assert.Equal(CallMediaMode.Voice, mediaB.Last!.Mode);
            Assert.Equal("201", Assert.Single(b.Simulation.Phones["fxs0"].CallerIds).Number);
            var call = Assert.Single(b.Status.Current.Calls);
            Assert.Equal("inbound", call.Direction);

            // A hangs up: B's port gets the BYE, opens the loop (disconnect clear) and plays busy.
            a.Simulation.Phones["fxs0"].OnHook();
            Assert.True(await GatewayBox.Run(() => b.Simulation.Phones["fxs0"].LoopCurrentDropped && a.Port("fxs0").State == PortState.Idle, Limit, a, b));
            Assert.True(await GatewayBox.Run(() => b.Simulation.Phones["fxs0"].HeardTone == CallProgressTone.Busy, TimeSpan.FromSeconds(5), a, b));
            Assert.Empty(b.Status.Current.Calls);
            Assert.Empty(b.Status.Current.RecentFaxes);
            Assert.True(mediaA.Last.Disposed && mediaB.Last.Disposed);
        }
    }

    [Fact]
    public async Task A_busy_port_gives_the_caller_busy_tone()
    {
        var (a, b, _, _) = await TwoBoxes();
        await using (a)
        await using (b)
        {
            b.Simulation.Phones["fxs0"].OffHook();
            await GatewayBox.Run(() => b.Port("fxs0").State == PortState.Dialling, Limit, b);
            a.Simulation.Phones["fxs0"].OffHook();
            Assert.True(await GatewayBox.Run(() => a.Simulation.Phones["fxs0"].HeardTone == CallProgressTone.Busy, Limit, a, b));
            Assert.Equal(PortState.Clearing, a.Port("fxs0").State);
        }
    }

    [Fact]
    public async Task A_number_nobody_answers_to_gives_congestion()
    {
        var (a, b, _, _) = await TwoBoxes(dials: "299");
        await using (a)
        await using (b)
        {
            // B has an FXO port, so 299 goes out to its PSTN line, where the exchange knows no 299: congestion.
            a.Simulation.Phones["fxs0"].OffHook();
            Assert.True(await GatewayBox.Run(() => a.Simulation.Phones["fxs0"].TonesHeard.Contains(CallProgressTone.Congestion) || a.Port("fxs0").State == PortState.Clearing, Limit, a, b),
                $"A {a.Port("fxs0").State}, tones {string.Join(",", a.Simulation.Phones["fxs0"].TonesHeard)}");
        }
    }

    [Fact]
    public async Task A_number_the_far_box_does_not_know_gives_SIT_then_congestion()
    {
        var optionsB = GatewayBox.Options("boxb", null);
        optionsB.Ports.RemoveAt(1); // no FXO line: 299 is nobody's number, B answers 404
        await using var b = GatewayBox.Create(optionsB, Phones(), new FakeCallMediaFactory(), Path.Combine(_work.Path, "b"));
        await using var a = GatewayBox.Create(GatewayBox.Options("boxa", b.SipHostPort), Phones("299"), new FakeCallMediaFactory(), Path.Combine(_work.Path, "a"));
        a.Simulation.Phones["fxs0"].OffHook();
        Assert.True(await GatewayBox.Run(() => a.Simulation.FxsPorts[0].Tone == CallProgressTone.Sit, Limit, a, b), $"A {a.Port("fxs0").State} {a.Simulation.FxsPorts[0].Tone}");
        Assert.True(await GatewayBox.Run(() => a.Simulation.FxsPorts[0].Tone == CallProgressTone.Congestion, TimeSpan.FromSeconds(6), a, b));
        Assert.Equal(PortState.Clearing, a.Port("fxs0").State);
    }

    [Fact]
    public async Task The_answering_side_re_invites_to_T38_on_CED_and_both_boxes_record_the_fax()
    {
        var (a, b, mediaA, mediaB) = await TwoBoxes();
        await using (a)
        await using (b)
        {
            await Connect(a, b);
            mediaB.Last!.HearAtNextFrame(FaxTone.Ced, fromLine: true);
            Assert.True(await GatewayBox.Run(() => mediaA.Last!.Mode == CallMediaMode.T38 && mediaB.Last.Mode == CallMediaMode.T38, Limit, a, b),
                $"A: {string.Join(" | ", mediaA.Last!.Changes)}; B: {string.Join(" | ", mediaB.Last.Changes)}");
            Assert.Equal(PortState.Fax, b.Port("fxs0").State);
            Assert.Equal(PortState.Fax, a.Port("fxs0").State);

            a.Simulation.Phones["fxs0"].OnHook();
            Assert.True(await GatewayBox.Run(() => a.Status.Current.RecentFaxes.Length == 1 && b.Status.Current.RecentFaxes.Length == 1, Limit, a, b));
            var recordB = b.Status.Current.RecentFaxes[0];
            Assert.Equal(CallMediaMode.T38, recordB.Mode);
            Assert.Equal("box re-INVITE on Ced", recordB.ModeReason);
            Assert.NotNull(recordB.T38);
            Assert.Equal("redundancy", recordB.T38!.ErrorCorrection);
            var recordA = a.Status.Current.RecentFaxes[0];
            Assert.Equal("peer re-INVITE to T.38", recordA.ModeReason);
            Assert.Equal("outbound", recordA.Direction);
            Assert.Equal("201", recordA.RemoteNumber);
        }
    }

    [Fact]
    public async Task A_refused_T38_re_invite_falls_back_to_G711_with_fax_adaptations()
    {
        var (a, b, mediaA, mediaB) = await TwoBoxes(faxA: new FaxOptions { T38 = T38Initiation.Never });
        await using (a)
        await using (b)
        {
            await Connect(a, b);
            mediaB.Last!.HearAtNextFrame(FaxTone.V21Preamble, fromLine: true);
            Assert.True(await GatewayBox.Run(() => mediaB.Last.Changes.Count(c => c.EndsWith(" fax", StringComparison.Ordinal)) >= 2 && mediaA.Last!.FaxAdapted, Limit, a, b),
                $"A: {string.Join(" | ", mediaA.Last!.Changes)}; B: {string.Join(" | ", mediaB.Last.Changes)}");
            Assert.Equal(CallMediaMode.G711Fax, mediaB.Last.Mode);
            Assert.Equal(CallMediaMode.G711Fax, mediaA.Last!.Mode);
            Assert.DoesNotContain(mediaA.Last.Changes, c => c.StartsWith("t38", StringComparison.Ordinal));

            a.Simulation.Phones["fxs0"].OnHook();
            Assert.True(await GatewayBox.Run(() => b.Status.Current.RecentFaxes.Length == 1, Limit, a, b));
            var record = b.Status.Current.RecentFaxes[0];
            Assert.Equal(CallMediaMode.G711Fax, record.Mode);
            Assert.StartsWith("T.38 refused: 488", record.ModeReason, StringComparison.Ordinal);
            Assert.Null(record.T38);
            Assert.Equal(1, b.Status.Current.Counters.T38Fallbacks);
        }
    }

    [Fact]
    public async Task Glare_when_both_boxes_re_invite_at_once_still_ends_in_T38()
    {
        var (a, b, mediaA, mediaB) = await TwoBoxes(faxA: new FaxOptions { T38 = T38Initiation.OnCng });
        await using (a)
        await using (b)
        {
            await Connect(a, b);
            mediaA.Last!.HearAtNextFrame(FaxTone.Cng, fromLine: true);
            mediaB.Last!.HearAtNextFrame(FaxTone.Ced, fromLine: true);
            Assert.True(await GatewayBox.Run(() => mediaA.Last.Mode == CallMediaMode.T38 && mediaB.Last.Mode == CallMediaMode.T38 && a.Gateway.PendingSignalling == 0 && b.Gateway.PendingSignalling == 0, TimeSpan.FromSeconds(120), a, b),
                $"A: {string.Join(" | ", mediaA.Last.Changes)}; B: {string.Join(" | ", mediaB.Last.Changes)}");
        }
    }

    [Fact]
    public async Task A_fax_tone_after_the_detection_window_is_taken_for_voice()
    {
        var (a, b, mediaA, mediaB) = await TwoBoxes(faxB: new FaxOptions { DetectWindow = TimeSpan.FromSeconds(1) });
        await using (a)
        await using (b)
        {
            await Connect(a, b);
            await GatewayBox.Run(() => false, TimeSpan.FromSeconds(2), a, b);
            mediaB.Last!.HearAtNextFrame(FaxTone.Ced, fromLine: true);
            await GatewayBox.Run(() => false, TimeSpan.FromSeconds(2), a, b);
            Assert.Equal(CallMediaMode.Voice, mediaB.Last.Mode);
            Assert.Equal(PortState.Connected, b.Port("fxs0").State);
        }
    }

    [Fact]
    public async Task A_PSTN_call_on_the_FXO_port_goes_to_the_configured_destination_with_the_caller_id()
    {
        // A PSTN phone on the exchange (number 300) calls B's FXO line (100); B sends it to 201 on box A.
        var pstn = new ExchangeLineScenario { Number = "300", Terminal = new SimulatedTerminalScenario { Kind = SimulatedTerminalKind.Phone, PhoneDials = "100", AnswerAfterRings = 1 } };
        var mediaA = new FakeCallMediaFactory();
        await using var a = GatewayBox.Create(GatewayBox.Options("boxa", null), Phones(null, answerAfterRings: 2), mediaA, Path.Combine(_work.Path, "a"));
        var mediaB = new FakeCallMediaFactory();
        await using var b = GatewayBox.Create(GatewayBox.Options("boxb", a.SipHostPort, number: "222"), Phones(null, pstn), mediaB, Path.Combine(_work.Path, "b"));
        b.Gateway.Apply(WithFxoDestination(GatewayBox.Options("boxb", a.SipHostPort, number: "222"), "201"));
        b.Simulation.Phones["line-300"].OffHook();
        Assert.True(await GatewayBox.Run(() => a.Port("fxs0").State == PortState.Connected && b.Port("fxo1").State == PortState.Connected, Limit, a, b),
            $"A {a.Port("fxs0").State}, B fxo {b.Port("fxo1").State}");
        Assert.True(a.Simulation.Phones["fxs0"].CallerIds.Any(id => id.Number == "300"), string.Join(",", a.Simulation.Phones["fxs0"].CallerIds));
        Assert.True(b.Simulation.FxoPorts[1].IsOffHook);

        // The PSTN caller hangs up: the exchange's disconnect supervision ends the SIP call; A's phone hears the clear.
        b.Simulation.Phones["line-300"].OnHook();
        Assert.True(await GatewayBox.Run(() => b.Port("fxo1").State == PortState.Idle && a.Simulation.Phones["fxs0"].LoopCurrentDropped, Limit, a, b),
            $"B fxo {b.Port("fxo1").State}");
    }

    [Fact]
    public async Task A_SIP_call_to_a_PSTN_number_seizes_the_FXO_line_and_dials_it()
    {
        var pstn = new ExchangeLineScenario { Number = "300", Terminal = new SimulatedTerminalScenario { Kind = SimulatedTerminalKind.Phone, AnswerAfterRings = 1 } };
        var mediaB = new FakeCallMediaFactory();
        await using var b = GatewayBox.Create(GatewayBox.Options("boxb", null), Phones(null, pstn), mediaB, Path.Combine(_work.Path, "b"));
        var mediaA = new FakeCallMediaFactory();
        await using var a = GatewayBox.Create(GatewayBox.Options("boxa", b.SipHostPort), Phones("300"), mediaA, Path.Combine(_work.Path, "a"));
        a.Simulation.Phones["fxs0"].OffHook();
        Assert.True(await GatewayBox.Run(() => b.Simulation.Phones["line-300"].IsOffHook && a.Port("fxs0").State == PortState.Connected, Limit, a, b),
            $"A {a.Port("fxs0").State}, B fxo {b.Port("fxo1").State}");
        Assert.Equal(PortState.Connected, b.Port("fxo1").State);

        a.Simulation.Phones["fxs0"].OnHook();
        Assert.True(await GatewayBox.Run(() => b.Port("fxo1").State == PortState.Idle && !b.Simulation.FxoPorts[1].IsOffHook, Limit, a, b));
    }

    private static GatewayOptions WithFxoDestination(GatewayOptions options, string destination)
    {
        options.Ports[1].InboundDestination = destination;
        return options;
    }

    [Fact]
    public async Task A_live_settings_change_applies_to_the_next_call()
    {
        var (a, b, _, _) = await TwoBoxes(dials: "202");
        await using (a)
        await using (b)
        {
            // 202 is nobody's number on B yet: B answers 404 and A's phone hears SIT.
            a.Simulation.Phones["fxs0"].OffHook();
            Assert.True(await GatewayBox.Run(() => a.Simulation.FxsPorts[0].Tone == CallProgressTone.Sit || a.Port("fxs0").State == PortState.Clearing, Limit, a, b));
            a.Simulation.Phones["fxs0"].OnHook();
            await GatewayBox.Run(() => a.Port("fxs0").State == PortState.Idle, Limit, a, b);

            var renumbered = GatewayBox.Options("boxb", null);
            renumbered.Ports[0].Number = "202";
            renumbered.Ports.RemoveAt(1);
            var restart = b.Gateway.Apply(renumbered);
            Assert.Equal(["ports"], restart); // the port list changed: that part waits for a restart

            renumbered = GatewayBox.Options("boxb", null);
            renumbered.Ports[0].Number = "202";
            Assert.Empty(b.Gateway.Apply(renumbered));
            await Connect(a, b);
            Assert.Equal("202", Assert.Single(b.Status.Current.Calls).LocalNumber);
        }
    }

    [Fact]
    public async Task Each_port_uses_its_own_account_and_each_account_its_own_SIP_socket()
    {
        var options = GatewayBox.Options("boxb", null);
        options.Accounts.Add(new SipAccountSettings { Name = "pstn", Username = "pstn", Port = 0 });
        options.Ports[1].Account = "pstn";
        var pstn = new ExchangeLineScenario { Number = "300", Terminal = new SimulatedTerminalScenario { Kind = SimulatedTerminalKind.Phone, AnswerAfterRings = 1 } };
        await using var b = GatewayBox.Create(options, Phones(null, pstn), new FakeCallMediaFactory(), Path.Combine(_work.Path, "b"));
        Assert.Equal(2, b.Gateway.SipEndPoints.Count);
        Assert.NotEqual(b.Gateway.SipEndPoints["trunk"].Port, b.Gateway.SipEndPoints["pstn"].Port);

        // 300 sent to the FXS account finds no FXO line there (404); sent to the pstn account it goes out on FXO 1.
        await using var a1 = GatewayBox.Create(GatewayBox.Options("boxa", $"127.0.0.1:{b.Gateway.SipEndPoints["trunk"].Port}"), Phones("300"), new FakeCallMediaFactory(), Path.Combine(_work.Path, "a1"));
        a1.Simulation.Phones["fxs0"].OffHook();
        Assert.True(await GatewayBox.Run(() => a1.Simulation.FxsPorts[0].Tone == CallProgressTone.Sit, Limit, a1, b));
        await using var a2 = GatewayBox.Create(GatewayBox.Options("boxa2", $"127.0.0.1:{b.Gateway.SipEndPoints["pstn"].Port}"), Phones("300"), new FakeCallMediaFactory(), Path.Combine(_work.Path, "a2"));
        a2.Simulation.Phones["fxs0"].OffHook();
        Assert.True(await GatewayBox.Run(() => b.Simulation.Phones["line-300"].IsOffHook && b.Port("fxo1").State == PortState.Connected, Limit, a2, b));
        Assert.Equal("pstn", b.Port("fxo1").Account);
    }
}
