using FaxBox.CallControl.Terminals;
using FaxBox.FaxServer.Queue;

namespace FaxBox.FaxServer.Tests.Queue;

public sealed class RetryLadderTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static RetryLadder Ladder(Action<RetryLadderOptions>? change = null)
    {
        var options = new RetryLadderOptions();
        change?.Invoke(options);
        return new RetryLadder(options);
    }

    [Fact]
    public void The_rungs_are_the_issue_order()
    {
        Assert.Equal(
            ["T.38+ECM 14400", "G.711+ECM 14400", "T.38 9600", "G.711 9600"],
            RetryLadder.Rungs.Select(r => r.ToString()));
    }

    [Fact]
    public void Fax_failures_step_down_every_rung_then_fail()
    {
        var ladder = Ladder();
        var position = RetryLadder.BeforeAttempt(FaxLadderPosition.Start, learnedRung: null);
        var seen = new List<FaxRung>();
        RetryDecision decision;
        int guard = 0;
        do
        {
            seen.Add(RetryLadder.Rungs[RetryLadder.RungIndex(position)!.Value]);
            decision = ladder.Decide(position, FaxAttemptOutcome.FaxFailed, "T.30: no response to DCS", Now);
            position = RetryLadder.BeforeAttempt(decision.Position, learnedRung: 3); // a learned rung arriving late is ignored
        }
        while (decision.State == FaxJobState.WaitingRetry && ++guard < 10);

        Assert.Equal(RetryLadder.Rungs, seen);
        Assert.Equal(FaxJobState.Failed, decision.State);
        Assert.Equal(4, decision.Position.FaxFailures);
        Assert.Null(decision.NextAttempt);
        Assert.Contains("every rung", decision.Result, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fax_failure_waits_the_fax_failure_delay_and_names_the_next_rung()
    {
        var ladder = Ladder(o => o.FaxFailureDelay = TimeSpan.FromSeconds(90));
        var d = ladder.Decide(RetryLadder.BeforeAttempt(FaxLadderPosition.Start, null), FaxAttemptOutcome.FaxFailed, "dropped", Now);
        Assert.Equal(FaxJobState.WaitingRetry, d.State);
        Assert.Equal(Now.AddSeconds(90), d.NextAttempt);
        Assert.Contains("G.711+ECM 14400", d.Result, StringComparison.Ordinal);
        Assert.Equal(1, RetryLadder.RungIndex(d.Position));
    }

    [Theory]
    [InlineData(FaxAttemptOutcome.Busy)]
    [InlineData(FaxAttemptOutcome.NoAnswer)]
    [InlineData(FaxAttemptOutcome.NetworkError)]
    public void Busy_no_answer_and_network_errors_back_off_on_the_same_rung(FaxAttemptOutcome outcome)
    {
        var ladder = Ladder(o => o.MaxRetries = 7);
        var position = RetryLadder.BeforeAttempt(FaxLadderPosition.Start, null);
        var waits = new List<TimeSpan>();
        RetryDecision d;
        int guard = 0;
        do
        {
            d = ladder.Decide(position, outcome, "486 Busy Here", Now);
            if (d.NextAttempt is { } next)
            {
                waits.Add(next - Now);
            }

            Assert.Equal(0, RetryLadder.RungIndex(d.Position)); // never steps down
            Assert.Equal(0, d.Position.FaxFailures); // not a fax failure
            position = d.Position;
        }
        while (d.State == FaxJobState.WaitingRetry && ++guard < 20);

        Assert.Equal([1, 2, 5, 10, 15, 15, 15], waits.Select(w => (int)w.TotalMinutes));
        Assert.Equal(FaxJobState.Failed, d.State);
        Assert.Equal(8, d.Position.Retries);
        Assert.Contains("gave up after 7 retries", d.Result, StringComparison.Ordinal);
    }

    [Fact]
    public void A_configured_back_off_schedule_is_followed()
    {
        var ladder = Ladder(o => o.BackOff = [TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30)]);
        Assert.Equal(TimeSpan.FromSeconds(10), ladder.BackOff(1));
        Assert.Equal(TimeSpan.FromSeconds(30), ladder.BackOff(2));
        Assert.Equal(TimeSpan.FromSeconds(30), ladder.BackOff(9));
    }

    [Fact]
    public void Busy_retries_and_fax_failures_count_separately()
    {
        var ladder = Ladder(o => o.MaxRetries = 1);
        var p = RetryLadder.BeforeAttempt(FaxLadderPosition.Start, null);
        p = ladder.Decide(p, FaxAttemptOutcome.FaxFailed, "x", Now).Position;
        var busy = ladder.Decide(p, FaxAttemptOutcome.Busy, "busy", Now);
        Assert.Equal(FaxJobState.WaitingRetry, busy.State);
        Assert.Equal(1, RetryLadder.RungIndex(busy.Position)); // stays on G.711+ECM
        var again = ladder.Decide(busy.Position, FaxAttemptOutcome.FaxFailed, "x", Now);
        Assert.Equal(FaxJobState.WaitingRetry, again.State);
        Assert.Equal(2, RetryLadder.RungIndex(again.Position));
    }

    [Theory]
    [InlineData(FaxAttemptOutcome.Rejected)]
    [InlineData(FaxAttemptOutcome.CallerError)]
    public void Rejected_and_unplaceable_calls_fail_at_once(FaxAttemptOutcome outcome)
    {
        var d = Ladder().Decide(RetryLadder.BeforeAttempt(FaxLadderPosition.Start, null), outcome, "404 Not Found", Now);
        Assert.Equal(FaxJobState.Failed, d.State);
        Assert.Null(d.NextAttempt);
        Assert.StartsWith("404 Not Found", d.Result, StringComparison.Ordinal);
    }

    [Fact]
    public void Sent_learns_the_rung_it_used()
    {
        var ladder = Ladder();
        var p = RetryLadder.BeforeAttempt(FaxLadderPosition.Start, null);
        p = ladder.Decide(p, FaxAttemptOutcome.FaxFailed, "x", Now).Position;
        p = ladder.Decide(p, FaxAttemptOutcome.FaxFailed, "x", Now).Position;
        var d = ladder.Decide(p, FaxAttemptOutcome.Sent, "ok", Now);
        Assert.Equal(FaxJobState.Sent, d.State);
        Assert.Equal(2, d.LearnedRung);
        Assert.Equal("sent on T.38 9600", d.Result);
    }

    [Theory]
    [InlineData(0, new[] { 0, 1, 2, 3 })]
    [InlineData(1, new[] { 1, 0, 2, 3 })]
    [InlineData(2, new[] { 2, 0, 1, 3 })]
    [InlineData(3, new[] { 3, 0, 1, 2 })]
    public void The_learned_rung_is_tried_first_then_the_rest_in_ladder_order(int learned, int[] expected)
    {
        var p = RetryLadder.BeforeAttempt(FaxLadderPosition.Start, learned);
        var order = Enumerable.Range(0, 4).Select(step => RetryLadder.RungIndex(p with { Step = step })!.Value).ToArray();
        Assert.Equal(expected, order);
        Assert.Null(RetryLadder.RungIndex(p with { Step = 4 }));
    }

    [Fact]
    public void A_learned_rung_is_adopted_while_only_busy_retries_happened_but_not_after_a_step_down()
    {
        var ladder = Ladder();
        var p = RetryLadder.BeforeAttempt(FaxLadderPosition.Start, null);
        p = ladder.Decide(p, FaxAttemptOutcome.Busy, "busy", Now).Position;
        Assert.Equal(3, RetryLadder.RungIndex(RetryLadder.BeforeAttempt(p, 3))); // another job meanwhile learned G.711 9600

        var stepped = ladder.Decide(RetryLadder.BeforeAttempt(p, 0), FaxAttemptOutcome.FaxFailed, "x", Now).Position;
        Assert.Equal(1, RetryLadder.RungIndex(RetryLadder.BeforeAttempt(stepped, 3)));
    }

    [Fact]
    public void An_out_of_range_learned_rung_falls_back_to_the_top()
    {
        Assert.Equal(0, RetryLadder.RungIndex(RetryLadder.BeforeAttempt(FaxLadderPosition.Start, 17)));
    }

    [Fact]
    public void Interruptions_requeue_on_the_same_rung_until_the_limit()
    {
        var ladder = Ladder(o => { o.MaxInterruptions = 2; o.InterruptedDelay = TimeSpan.FromSeconds(5); });
        var p = RetryLadder.BeforeAttempt(FaxLadderPosition.Start, 1);
        var first = ladder.Decide(p, FaxAttemptOutcome.Interrupted, string.Empty, Now);
        Assert.Equal(FaxJobState.Queued, first.State);
        Assert.Equal(Now.AddSeconds(5), first.NextAttempt);
        Assert.Equal(1, RetryLadder.RungIndex(first.Position));
        Assert.Equal(0, first.Position.FaxFailures);
        var second = ladder.Decide(first.Position, FaxAttemptOutcome.Interrupted, string.Empty, Now);
        Assert.Equal(FaxJobState.Failed, second.State);
        Assert.Contains("restarted during 2 calls", second.Result, StringComparison.Ordinal);
    }

    [Fact]
    public void A_shutdown_requeues_without_counting()
    {
        var ladder = Ladder(o => o.MaxInterruptions = 1);
        var p = RetryLadder.BeforeAttempt(FaxLadderPosition.Start, null);
        for (int i = 0; i < 3; i++)
        {
            var d = ladder.Decide(p, FaxAttemptOutcome.Stopped, string.Empty, Now);
            Assert.Equal(FaxJobState.Queued, d.State);
            p = d.Position;
        }

        Assert.Equal(0, p.Interruptions);
    }

    [Fact]
    public void Cancelled_during_the_call_is_final()
    {
        var d = Ladder().Decide(FaxLadderPosition.Start, FaxAttemptOutcome.Cancelled, string.Empty, Now);
        Assert.Equal(FaxJobState.Cancelled, d.State);
        Assert.Null(d.NextAttempt);
    }

    [Theory]
    [InlineData(FaxCallOutcomeKind.Sent, FaxAttemptOutcome.Sent)]
    [InlineData(FaxCallOutcomeKind.Busy, FaxAttemptOutcome.Busy)]
    [InlineData(FaxCallOutcomeKind.NoAnswer, FaxAttemptOutcome.NoAnswer)]
    [InlineData(FaxCallOutcomeKind.Rejected, FaxAttemptOutcome.Rejected)]
    [InlineData(FaxCallOutcomeKind.FaxFailed, FaxAttemptOutcome.FaxFailed)]
    [InlineData(FaxCallOutcomeKind.NetworkError, FaxAttemptOutcome.NetworkError)]
    [InlineData(FaxCallOutcomeKind.Cancelled, FaxAttemptOutcome.Cancelled)]
    public void Every_call_outcome_maps(FaxCallOutcomeKind kind, FaxAttemptOutcome expected)
    {
        Assert.Equal(expected, RetryLadder.FromCall(kind));
    }

    [Fact]
    public void Every_outcome_from_every_position_gives_a_consistent_decision()
    {
        var ladder = Ladder(o => o.MaxRetries = 2);
        int checkedCount = 0;
        foreach (var outcome in Enum.GetValues<FaxAttemptOutcome>())
        {
            for (int first = 0; first < 4; first++)
            {
                for (int step = 0; step < 4; step++)
                {
                    for (int retries = 0; retries <= 2; retries++)
                    {
                        var p = new FaxLadderPosition(first, step, retries, step, 0);
                        var d = ladder.Decide(p, outcome, "r", Now);
                        bool final = d.State is FaxJobState.Sent or FaxJobState.Failed or FaxJobState.Cancelled;
                        Assert.Equal(final, d.NextAttempt is null);
                        Assert.True(d.NextAttempt is null || d.NextAttempt >= Now);
                        Assert.True(d.Position.Step >= p.Step && d.Position.Retries >= p.Retries);
                        Assert.Equal(outcome == FaxAttemptOutcome.Sent, d.LearnedRung is not null);
                        Assert.False(string.IsNullOrEmpty(d.Result));
                        checkedCount++;
                    }
                }
            }
        }

        Assert.Equal(Enum.GetValues<FaxAttemptOutcome>().Length * 48, checkedCount);
    }

    [Fact]
    public void Bad_options_are_refused_by_name()
    {
        Assert.Contains("backOff", Assert.Throws<ArgumentException>(() => Ladder(o => o.BackOff = [])).Message, StringComparison.Ordinal);
        Assert.Contains("backOff[1]", Assert.Throws<ArgumentException>(() => Ladder(o => o.BackOff = [TimeSpan.Zero, TimeSpan.FromSeconds(-1)])).Message, StringComparison.Ordinal);
        Assert.Contains("maxRetries", Assert.Throws<ArgumentException>(() => Ladder(o => o.MaxRetries = -1)).Message, StringComparison.Ordinal);
        Assert.Contains("maxInterruptions", Assert.Throws<ArgumentException>(() => Ladder(o => o.MaxInterruptions = 0)).Message, StringComparison.Ordinal);
    }
}
