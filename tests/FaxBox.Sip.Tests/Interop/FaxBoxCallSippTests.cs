using System.Globalization;
using FaxBox.Sip.Calls;
using FaxBox.Sip.Messages;
using FaxBox.Sip.Sdp;
using FaxBox.Testing.Interop;

namespace FaxBox.Sip.Tests.Interop;

/// <summary>FaxBox's call API against sipp (Debian sip-tester) over real UDP on 127.0.0.1: the box calls sipp and sipp calls the box.</summary>
[Collection(InteropCollection.Name)]
public sealed class FaxBoxCallSippTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(25);

    [Fact]
    public async Task The_box_calls_sipp_and_hangs_up()
    {
        await using var box = FaxBoxCallStack.Start();
        var (sipp, port) = await StartSippAsync("builtin:uas");
        var call = box.Ua.CreateCall(SippUri(port), box.Negotiator.CreateOffer(SdpMediaKind.Audio));
        var result = await call.DialAsync().WaitAsync(Limit);
        Assert.True(result.Connected, $"{result.StatusCode} {result.ReasonPhrase}");
        Assert.Equal("audio", result.Answer!.Media[0].Media);
        await call.HangUpAsync().WaitAsync(Limit);
        await AssertPassedAsync(sipp);
        Assert.Equal(SipCallEndReason.LocalHangUp, call.EndReason);
    }

    [Fact]
    public async Task Sipp_calls_the_box_which_rings_and_answers_and_sipp_hangs_up()
    {
        await using var box = FaxBoxCallStack.Start();
        var ended = new TaskCompletionSource<SipCallStateChange>(TaskCreationOptions.RunContinuationsAsynchronously);
        box.Ua.IncomingCall.Add(async (call, ct) =>
        {
            call.StateChanged.Add((change, _) =>
            {
                if (change.State == SipCallState.Terminated)
                {
                    ended.TrySetResult(change);
                }

                return ValueTask.CompletedTask;
            });
            await call.RingAsync(null, ct);
            await call.AnswerAsync(box.Negotiator.CreateAnswer(call.RemoteOffer!).Description, ct);
        });

        var (code, output) = await SippRunner.RunAsync("builtin:uac", $"127.0.0.1:{box.Port}", ["-s", "fax"], Limit);
        Assert.True(code == 0, $"sipp exit {code}:\n{output}");
        var end = await ended.Task.WaitAsync(Limit);
        Assert.Equal(SipCallEndReason.RemoteHangUp, end.Reason);
    }

    [Fact]
    public async Task Reinvite_to_t38_and_back_to_audio()
    {
        await using var box = FaxBoxCallStack.Start();
        var (sipp, port) = await StartSippAsync(SippRunner.Scenario("uas-reinvite-t38.xml"));
        var call = box.Ua.CreateCall(SippUri(port), box.Negotiator.CreateOffer(SdpMediaKind.Audio));
        Assert.True((await call.DialAsync().WaitAsync(Limit)).Connected);

        var fax = await call.ReinviteAsync(box.Negotiator.CreateOffer(SdpMediaKind.T38)).WaitAsync(Limit);
        Assert.Equal(SipReinviteOutcome.Accepted, fax.Outcome);
        var t38 = fax.Answer!.Media[0].GetT38(out var error);
        Assert.True(t38 is not null, error);
        Assert.Equal(176, t38.MaxDatagram);

        var audio = await call.ReinviteAsync(box.Negotiator.CreateOffer(SdpMediaKind.Audio)).WaitAsync(Limit);
        Assert.Equal(SipReinviteOutcome.Accepted, audio.Outcome);
        Assert.True(audio.Answer!.Media[0].IsAudio);
        await call.HangUpAsync().WaitAsync(Limit);
        await AssertPassedAsync(sipp);
    }

    [Fact]
    public async Task A_491_to_the_t38_reinvite_is_retried_after_the_glare_back_off()
    {
        await using var box = FaxBoxCallStack.Start();
        var (sipp, port) = await StartSippAsync(SippRunner.Scenario("uas-reinvite-glare.xml"));
        var call = box.Ua.CreateCall(SippUri(port), box.Negotiator.CreateOffer(SdpMediaKind.Audio));
        Assert.True((await call.DialAsync().WaitAsync(Limit)).Connected);

        var started = DateTime.UtcNow;
        var fax = await call.ReinviteAsync(box.Negotiator.CreateOffer(SdpMediaKind.T38)).WaitAsync(Limit);
        var waited = DateTime.UtcNow - started;
        Assert.Equal(SipReinviteOutcome.Accepted, fax.Outcome);
        Assert.InRange(waited.TotalSeconds, 2.1, 8); // the Call-ID owner waits 2.1–4 s (RFC 3261 §14.1)
        await call.HangUpAsync().WaitAsync(Limit);
        await AssertPassedAsync(sipp);
    }

    [Fact]
    public async Task Cancel_before_the_answer()
    {
        await using var box = FaxBoxCallStack.Start();
        var (sipp, port) = await StartSippAsync(SippRunner.Scenario("uas-cancel.xml"));
        var call = box.Ua.CreateCall(SippUri(port), box.Negotiator.CreateOffer(SdpMediaKind.Audio));
        call.Progress.Add((p, ct) => p.Call.CancelAsync(ct));
        var result = await call.DialAsync().WaitAsync(Limit);
        Assert.Equal(487, result.StatusCode);
        Assert.Equal(SipCallEndReason.Cancelled, call.EndReason);
        await AssertPassedAsync(sipp);
    }

    [Fact]
    public async Task A_reliable_180_is_pracked()
    {
        await using var box = FaxBoxCallStack.Start();
        var (sipp, port) = await StartSippAsync(SippRunner.Scenario("uas-prack.xml"));
        var call = box.Ua.CreateCall(SippUri(port), box.Negotiator.CreateOffer(SdpMediaKind.Audio));
        var reliable = false;
        call.Progress.Add((p, _) =>
        {
            reliable |= p.Reliable;
            return ValueTask.CompletedTask;
        });
        var result = await call.DialAsync().WaitAsync(Limit);
        Assert.True(result.Connected, $"{result.StatusCode} {result.ReasonPhrase}");
        Assert.True(reliable);
        await call.HangUpAsync().WaitAsync(Limit);
        await AssertPassedAsync(sipp);
    }

    [Fact]
    public async Task The_box_refreshes_a_short_session_by_update_while_sipp_keeps_the_call()
    {
        await using var box = FaxBoxCallStack.Start(new SipUserAgentOptions { MinSessionExpires = TimeSpan.FromSeconds(2) });
        var refresher = false;
        TimeSpan? interval = null;
        box.Ua.IncomingCall.Add((call, ct) =>
        {
            call.StateChanged.Add((change, _) =>
            {
                if (change.State == SipCallState.Connected)
                {
                    refresher = call.IsSessionRefresher;
                    interval = call.SessionInterval;
                }

                return ValueTask.CompletedTask;
            });
            return call.AnswerAsync(box.Negotiator.CreateAnswer(call.RemoteOffer!).Description, ct);
        });

        // sipp checks the 200 (Session-Expires 4;refresher=uas) and two UPDATEs (refresher=uac) before its BYE.
        var (code, output) = await SippRunner.RunAsync(SippRunner.Scenario("uac-session-refresh.xml"), $"127.0.0.1:{box.Port}", ["-s", "fax"], Limit);
        Assert.True(code == 0, $"sipp exit {code}:\n{output}");
        Assert.True(refresher);
        Assert.Equal(TimeSpan.FromSeconds(4), interval);
    }

    [Fact]
    public async Task An_unacknowledged_200_is_retransmitted_and_the_box_sends_bye_after_64_t1()
    {
        await using var box = FaxBoxCallStack.Start();
        var ended = new TaskCompletionSource<SipCallStateChange>(TaskCreationOptions.RunContinuationsAsynchronously);
        box.Ua.IncomingCall.Add((call, ct) =>
        {
            call.StateChanged.Add((change, _) =>
            {
                if (change.State == SipCallState.Terminated)
                {
                    ended.TrySetResult(change);
                }

                return ValueTask.CompletedTask;
            });
            return call.AnswerAsync(box.Negotiator.CreateAnswer(call.RemoteOffer!).Description, ct);
        });

        var (code, output) = await SippRunner.RunAsync(SippRunner.Scenario("uac-no-ack.xml"), $"127.0.0.1:{box.Port}", ["-s", "fax"], Limit);
        Assert.True(code == 0, $"sipp exit {code}:\n{output}");
        Assert.Equal(SipCallEndReason.NoAck, (await ended.Task.WaitAsync(Limit)).Reason);
    }

    [Fact]
    public async Task Tshark_decodes_the_t38_reinvite_glare_prack_and_cancel_runs_without_malformed_packets()
    {
        var port = FreePorts.UdpAndTcp();
        await using var capture = await TsharkCapture.StartAsync(port);
        await using (var box = FaxBoxCallStack.Start())
        {
            foreach (var scenario in new[] { "uas-reinvite-t38.xml", "uas-reinvite-glare.xml", "uas-prack.xml", "uas-cancel.xml" })
            {
                var (sipp, _) = await StartSippAsync(SippRunner.Scenario(scenario), port);
                var call = box.Ua.CreateCall(SippUri(port), box.Negotiator.CreateOffer(SdpMediaKind.Audio));
                if (scenario == "uas-cancel.xml")
                {
                    call.Progress.Add((p, ct) => p.Call.CancelAsync(ct));
                    await call.DialAsync().WaitAsync(Limit);
                }
                else
                {
                    Assert.True((await call.DialAsync().WaitAsync(Limit)).Connected, scenario);
                    if (scenario != "uas-prack.xml")
                    {
                        await call.ReinviteAsync(box.Negotiator.CreateOffer(SdpMediaKind.T38)).WaitAsync(Limit);
                    }

                    if (scenario == "uas-reinvite-t38.xml")
                    {
                        await call.ReinviteAsync(box.Negotiator.CreateOffer(SdpMediaKind.Audio)).WaitAsync(Limit);
                    }

                    await call.HangUpAsync().WaitAsync(Limit);
                }

                await AssertPassedAsync(sipp);
            }
        }

        // 11 (T.38 and back) + 11 (491 and retry) + 8 (PRACK) + 6 (CANCEL) messages at least
        var (sip, malformed, summary) = await capture.StopAndDecodeAsync(expectedSip: 36);
        Assert.True(sip >= 36, $"expected at least 36 SIP packets, saw {sip}:\n{summary}");
        Assert.True(malformed == 0, $"{malformed} malformed packets:\n{summary}");
        Assert.Contains("Status: 491 Request Pending", summary, StringComparison.Ordinal);
        Assert.Contains("Request: PRACK", summary, StringComparison.Ordinal);
        Assert.Contains("Request: CANCEL", summary, StringComparison.Ordinal);
    }

    internal static SipUri SippUri(int port) => SipUri.Parse(string.Create(CultureInfo.InvariantCulture, $"sip:sipp@127.0.0.1:{port}"));

    /// <summary>Starts a sipp UAS scenario on a free (or given) port and waits until it listens.</summary>
    internal static async Task<(Task<(int ExitCode, string Output)> Run, int Port)> StartSippAsync(string scenario, int? port = null)
    {
        var p = port ?? FreePorts.UdpAndTcp();
        var run = SippRunner.RunAsync(scenario, "127.0.0.1:5060", [], Limit, localPort: p);
        await SippRunner.WaitListeningAsync(p);
        return (run, p);
    }

    internal static async Task AssertPassedAsync(Task<(int ExitCode, string Output)> sipp)
    {
        var (code, output) = await sipp.WaitAsync(Limit + TimeSpan.FromSeconds(15));
        Assert.True(code == 0, $"sipp exit {code}:\n{output}");
    }
}
