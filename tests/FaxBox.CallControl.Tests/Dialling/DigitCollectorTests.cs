using FaxBox.CallControl.Configuration;
using FaxBox.CallControl.Dialling;

namespace FaxBox.CallControl.Tests.Dialling;

public sealed class DigitCollectorTests
{
    private static readonly TimeSpan T0 = TimeSpan.FromSeconds(100);

    private static DigitCollector Collector(Action<DialPlanOptions>? configure = null, params string[] patterns)
    {
        var options = new DialPlanOptions { Patterns = [.. patterns] };
        configure?.Invoke(options);
        return new DigitCollector(options);
    }

    private static DialDecision DialAll(DigitCollector collector, string digits, TimeSpan start, TimeSpan gap)
    {
        var now = start;
        var decision = DialDecision.Continue;
        foreach (var d in digits)
        {
            now += gap;
            decision = collector.Digit(d, now);
            if (decision.IsFinal)
            {
                return decision;
            }
        }

        return decision;
    }

    [Fact]
    public void A_complete_number_is_dialled_on_its_last_digit()
    {
        var collector = Collector(null, "2xx", "0x.");
        Assert.Equal(DialDecision.Continue, collector.Start(T0));

        Assert.Equal(DialDecision.Continue, collector.Digit('2', T0 + TimeSpan.FromSeconds(1)));
        Assert.Equal(DialDecision.Continue, collector.Digit('0', T0 + TimeSpan.FromSeconds(2)));
        var decision = collector.Digit('1', T0 + TimeSpan.FromSeconds(3));

        Assert.Equal(DialDecisionKind.Dial, decision.Kind);
        Assert.Equal("201", decision.Number);
        Assert.False(collector.IsCollecting);
        Assert.Null(collector.Deadline);
    }

    [Fact]
    public void A_number_that_can_extend_is_dialled_exactly_when_the_inter_digit_timeout_expires()
    {
        var collector = Collector(o => o.InterDigitTimeout = TimeSpan.FromSeconds(4), "0x.");
        collector.Start(T0);
        var last = T0 + TimeSpan.FromSeconds(1);
        Assert.Equal(DialDecision.Continue, DialAll(collector, "0301234", T0, TimeSpan.FromMilliseconds(1000 / 7.0)));
        Assert.Equal(DialDecision.Continue, collector.Digit('5', last));
        Assert.Equal(last + TimeSpan.FromSeconds(4), collector.Deadline);

        Assert.Equal(DialDecision.Continue, collector.Poll(last + TimeSpan.FromSeconds(4) - TimeSpan.FromTicks(1)));
        var decision = collector.Poll(last + TimeSpan.FromSeconds(4));

        Assert.Equal(DialDecision.Dial("03012345"), decision);
    }

    [Fact]
    public void Each_digit_restarts_the_inter_digit_timer()
    {
        var collector = Collector(o => o.InterDigitTimeout = TimeSpan.FromSeconds(2), "x.");
        collector.Start(T0);
        var now = T0;
        for (var i = 0; i < 5; i++)
        {
            now += TimeSpan.FromSeconds(1.999);
            Assert.Equal(DialDecision.Continue, collector.Poll(now));
            Assert.Equal(DialDecision.Continue, collector.Digit('7', now));
        }

        Assert.Equal(DialDecision.Dial("77777"), collector.Poll(now + TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void An_incomplete_number_is_invalid_when_the_inter_digit_timeout_expires()
    {
        var collector = Collector(o => o.InterDigitTimeout = TimeSpan.FromSeconds(3), "2xx");
        collector.Start(T0);
        collector.Digit('2', T0 + TimeSpan.FromSeconds(1));
        collector.Digit('0', T0 + TimeSpan.FromSeconds(2));

        var decision = collector.Poll(T0 + TimeSpan.FromSeconds(5));

        Assert.Equal(DialDecisionKind.Invalid, decision.Kind);
        Assert.Contains("'20' is incomplete", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_digit_no_pattern_accepts_is_invalid_at_once()
    {
        var collector = Collector(null, "[2-9]xx", "0x.");
        collector.Start(T0);

        var decision = collector.Digit('1', T0 + TimeSpan.FromSeconds(1));

        Assert.Equal(DialDecisionKind.Invalid, decision.Kind);
        Assert.Equal("'1' matches no pattern of the dial plan", decision.Reason);
        Assert.False(collector.IsCollecting);
    }

    [Fact]
    public void Hash_sends_a_matching_number_at_once_and_is_not_part_of_it()
    {
        var collector = Collector(null, "x.");
        collector.Start(T0);

        var decision = DialAll(collector, "5550100#", T0, TimeSpan.FromMilliseconds(300));

        Assert.Equal(DialDecision.Dial("5550100"), decision);
    }

    [Fact]
    public void Hash_after_an_incomplete_number_is_invalid()
    {
        var collector = Collector(null, "2xx");
        collector.Start(T0);

        var decision = DialAll(collector, "20#", T0, TimeSpan.FromMilliseconds(300));

        Assert.Equal(DialDecisionKind.Invalid, decision.Kind);
        Assert.Contains("'#' sent '20'", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Hash_before_any_digit_is_invalid()
    {
        var collector = Collector(null, "x.");
        collector.Start(T0);

        Assert.Equal(DialDecisionKind.Invalid, collector.Digit('#', T0 + TimeSpan.FromSeconds(1)).Kind);
    }

    [Fact]
    public void Hash_is_a_digit_where_a_pattern_takes_it()
    {
        var collector = Collector(null, "*xx#", "x.");
        collector.Start(T0);

        Assert.Equal(DialDecision.Dial("*67#"), DialAll(collector, "*67#", T0, TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public void Without_hash_sends_hash_is_an_ordinary_digit()
    {
        var collector = Collector(o => o.HashSends = false, "x.");
        collector.Start(T0);

        var decision = collector.Digit('#', T0 + TimeSpan.FromSeconds(1));

        Assert.Equal(DialDecisionKind.Invalid, decision.Kind);
        Assert.Equal("'#' matches no pattern of the dial plan", decision.Reason);
    }

    [Fact]
    public void No_first_digit_times_out_exactly_at_the_first_digit_timeout()
    {
        var collector = Collector(o => o.FirstDigitTimeout = TimeSpan.FromSeconds(15), "x.");
        collector.Start(T0);
        Assert.Equal(T0 + TimeSpan.FromSeconds(15), collector.Deadline);

        Assert.Equal(DialDecision.Continue, collector.Poll(T0 + TimeSpan.FromSeconds(15) - TimeSpan.FromTicks(1)));
        var decision = collector.Poll(T0 + TimeSpan.FromSeconds(15));

        Assert.Equal(DialDecisionKind.Timeout, decision.Kind);
        Assert.Equal("no digit dialled within 15 s of dial tone", decision.Reason);
        Assert.Equal(DialDecision.Continue, collector.Poll(T0 + TimeSpan.FromSeconds(16)));
    }

    [Fact]
    public void A_digit_at_an_expired_deadline_loses_to_the_timeout()
    {
        var collector = Collector(o => o.FirstDigitTimeout = TimeSpan.FromSeconds(10), "x.");
        collector.Start(T0);

        var decision = collector.Digit('5', T0 + TimeSpan.FromSeconds(10));

        Assert.Equal(DialDecisionKind.Timeout, decision.Kind);
        Assert.Equal(0, collector.Digits.Length);
    }

    [Fact]
    public void A_digit_just_before_the_deadline_counts()
    {
        var collector = Collector(o => o.FirstDigitTimeout = TimeSpan.FromSeconds(10), "x.");
        collector.Start(T0);

        Assert.Equal(DialDecision.Continue, collector.Digit('5', T0 + TimeSpan.FromSeconds(10) - TimeSpan.FromTicks(1)));
        Assert.Equal("5", collector.Digits.ToString());
    }

    [Fact]
    public void A_hotline_without_delay_is_dialled_at_start()
    {
        var collector = Collector(o => o.Hotline = "sip:fax@example.org");

        Assert.Equal(DialDecision.Dial("sip:fax@example.org"), collector.Start(T0));
        Assert.False(collector.IsCollecting);
        Assert.Equal(DialDecision.Continue, collector.Digit('1', T0 + TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void A_warm_line_is_dialled_when_its_delay_passes_without_a_digit()
    {
        var collector = Collector(o => { o.Hotline = "2001"; o.HotlineDelay = TimeSpan.FromSeconds(5); o.FirstDigitTimeout = TimeSpan.FromSeconds(3); }, "x.");
        Assert.Equal(DialDecision.Continue, collector.Start(T0));

        // The first-digit timeout (3 s) does not apply to a warm line: "no digit" means the hotline.
        Assert.Equal(DialDecision.Continue, collector.Poll(T0 + TimeSpan.FromSeconds(3)));
        Assert.Equal(DialDecision.Continue, collector.Poll(T0 + TimeSpan.FromSeconds(5) - TimeSpan.FromTicks(1)));
        Assert.Equal(DialDecision.Dial("2001"), collector.Poll(T0 + TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void A_first_digit_cancels_the_warm_line()
    {
        var collector = Collector(o => { o.Hotline = "2001"; o.HotlineDelay = TimeSpan.FromSeconds(5); o.InterDigitTimeout = TimeSpan.FromSeconds(4); }, "3xx");
        collector.Start(T0);

        Assert.Equal(DialDecision.Continue, collector.Digit('3', T0 + TimeSpan.FromSeconds(4)));
        Assert.Equal(DialDecision.Continue, collector.Poll(T0 + TimeSpan.FromSeconds(6)));
        Assert.Equal(DialDecision.Dial("345"), DialAll(collector, "45", T0 + TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void A_cancelled_warm_line_that_is_abandoned_is_invalid_not_the_hotline()
    {
        var collector = Collector(o => { o.Hotline = "2001"; o.HotlineDelay = TimeSpan.FromSeconds(5); o.InterDigitTimeout = TimeSpan.FromSeconds(4); }, "3xx");
        collector.Start(T0);
        collector.Digit('3', T0 + TimeSpan.FromSeconds(1));

        Assert.Equal(DialDecisionKind.Invalid, collector.Poll(T0 + TimeSpan.FromSeconds(5)).Kind);
    }

    [Fact]
    public void The_most_digits_end_collection_with_a_match()
    {
        var collector = Collector(o => o.MaxDigits = 4, "x.");
        collector.Start(T0);

        Assert.Equal(DialDecision.Dial("1234"), DialAll(collector, "12345", T0, TimeSpan.FromMilliseconds(200)));
    }

    [Fact]
    public void The_most_digits_without_a_match_are_invalid()
    {
        var collector = Collector(o => o.MaxDigits = 3, "x.#");
        collector.Start(T0);

        var decision = DialAll(collector, "123", T0, TimeSpan.FromMilliseconds(200));

        Assert.Equal(DialDecisionKind.Invalid, decision.Kind);
        Assert.StartsWith("3 digits dialled", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Patterns_combine_an_exact_match_with_a_longer_one()
    {
        // "911" completes one pattern while "9x." can still grow: wait for the timer rather than dial at once.
        var collector = Collector(o => o.InterDigitTimeout = TimeSpan.FromSeconds(2), "911", "9x.");
        collector.Start(T0);

        Assert.Equal(DialDecision.Continue, DialAll(collector, "911", T0, TimeSpan.FromMilliseconds(200)));
        Assert.Equal(DialDecision.Dial("911"), collector.Poll(T0 + TimeSpan.FromMilliseconds(600) + TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void Start_begins_a_new_collection()
    {
        var collector = Collector(null, "2xx");
        collector.Start(T0);
        DialAll(collector, "20", T0, TimeSpan.FromSeconds(1));

        collector.Start(T0 + TimeSpan.FromSeconds(30));

        Assert.Equal(0, collector.Digits.Length);
        Assert.Equal(DialDecision.Dial("299"), DialAll(collector, "299", T0 + TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void Stop_ends_collection_silently()
    {
        var collector = Collector(null, "x.");
        collector.Start(T0);
        collector.Digit('1', T0 + TimeSpan.FromSeconds(1));

        collector.Stop();

        Assert.False(collector.IsCollecting);
        Assert.Equal(DialDecision.Continue, collector.Poll(T0 + TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void Dtmf_letters_match_no_pattern_and_other_characters_are_refused()
    {
        var collector = Collector(null, "x.");
        collector.Start(T0);

        Assert.Equal(DialDecisionKind.Invalid, collector.Digit('A', T0 + TimeSpan.FromSeconds(1)).Kind);
        Assert.Throws<ArgumentOutOfRangeException>(() => collector.Digit('z', T0 + TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void A_bad_pattern_is_refused_when_the_collector_is_built()
    {
        var ex = Assert.Throws<FormatException>(() => Collector(null, "x.", "[2-"));
        Assert.Contains("unclosed '['", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Collecting_allocates_nothing_but_the_number()
    {
        var collector = Collector(o => o.MaxDigits = 32, "0[1-9]x.", "[2-9]xx", "*xx#");
        const string digits = "0301234567890123";
        collector.Start(T0);
        DialAll(collector, digits, T0, TimeSpan.FromMilliseconds(100));
        collector.Poll(T0 + TimeSpan.FromMinutes(1));

        collector.Start(T0);
        var now = T0;
        var finals = 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var d in digits)
        {
            now += TimeSpan.FromMilliseconds(100);
            finals += collector.Digit(d, now).IsFinal ? 1 : 0;
            finals += collector.Poll(now).IsFinal ? 1 : 0;
        }

        var during = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, finals);
        var decision = collector.Poll(now + TimeSpan.FromSeconds(4));

        Assert.Equal(0, during);
        Assert.Equal(DialDecision.Dial(digits), decision);
    }
}
