using FaxBox.Fax.CallerId;
using FaxBox.LineInterface.Ports;
using FaxBox.LineInterface.Regions;
using FaxBox.LineInterface.Simulated;
using FaxBox.LineInterface.Tests.Regions;

namespace FaxBox.LineInterface.Tests.Ports;

public sealed class FxsPortTests
{
    private static readonly CallerIdTime Time = new(11, 24, 9, 30);

    [Theory]
    [MemberData(nameof(RegionData.CodesAndTones), MemberType = typeof(RegionData))]
    public void PhoneRecognisesEachRegionalTone(string code, CallProgressTone tone)
    {
        using var rig = new FxsRig(code);
        rig.LiftHandset();

        rig.Port.PlayTone(tone);
        rig.Bench.RunUntil(() => rig.Phone.HeardTone != CallProgressTone.None, TimeSpan.FromSeconds(12), $"{code} {tone} recognised");
        rig.Bench.Run(TimeSpan.FromSeconds(6));

        // Australia and Japan use one signal for busy and congestion; the first of the two names wins.
        var expected = tone == CallProgressTone.Congestion && SoundsLikeBusy(rig.Region) ? CallProgressTone.Busy : tone;
        Assert.Equal([expected], rig.Phone.TonesHeard);
        Assert.Equal(expected, rig.Phone.HeardTone);
    }

    [Theory]
    [InlineData("AU")]
    [InlineData("JP")]
    public void KnownLimitation_CongestionSoundsLikeBusyWhereTheRegionMakesThemAlike(string code)
    {
        var region = LineRegions.BuiltIn.Get(code);

        Assert.True(SoundsLikeBusy(region));
        Assert.All(LineRegions.BuiltIn.All.Where(r => r.Code is not ("AU" or "JP")), r => Assert.False(SoundsLikeBusy(r)));
    }

    [Theory]
    [MemberData(nameof(RegionData.Codes), MemberType = typeof(RegionData))]
    public void ToneStopsAndPhoneHearsSilence(string code)
    {
        using var rig = new FxsRig(code);
        rig.LiftHandset();
        rig.Port.PlayTone(CallProgressTone.Busy);
        rig.Bench.RunUntil(() => rig.Phone.HeardTone == CallProgressTone.Busy, TimeSpan.FromSeconds(6), "busy");

        rig.Port.PlayTone(CallProgressTone.None);
        rig.Bench.RunUntil(() => rig.Phone.HeardTone == CallProgressTone.None, TimeSpan.FromSeconds(4), "silence");
    }

    [Theory]
    [MemberData(nameof(RegionData.CodesAndMethods), MemberType = typeof(RegionData))]
    public void PortReportsExactlyTheDigitsDialled(string code, DialMethod method)
    {
        using var rig = new FxsRig(code, new LineModelOptions { GainDb = -6, NoiseDbm0 = -55, EchoReturnLossDb = 14 });
        rig.LiftHandset();
        rig.Port.PlayTone(CallProgressTone.Dial);
        rig.Bench.RunUntil(() => rig.Phone.HeardTone == CallProgressTone.Dial, TimeSpan.FromSeconds(3), "dial tone");
        var digits = method == DialMethod.Dtmf ? "0123456789*#ABCD" : "0123456789";

        rig.Phone.Dial(digits, method);
        rig.Bench.RunUntil(() => !rig.Phone.IsDialling, TimeSpan.FromSeconds(30), "dialling");
        rig.Bench.Run(TimeSpan.FromSeconds(1));

        Assert.Equal(digits, new string([.. rig.Digits.Select(d => d.Digit)]));
        Assert.All(rig.Digits, d => Assert.Equal(method, d.Method));
        Assert.Equal(CallProgressTone.None, rig.Port.Tone); // dial tone stopped at the first digit
        Assert.Equal(HookState.OffHook, rig.Port.Hook);
        Assert.Single(rig.Hooks);
    }

    [Theory]
    [MemberData(nameof(RegionData.Codes), MemberType = typeof(RegionData))]
    public void CallerIdArrivesInTheRegionalStandardAndMoment(string code)
    {
        using var rig = new FxsRig(code, new LineModelOptions { GainDb = -3, NoiseDbm0 = -60 });
        var sent = new CallerIdMessage("0301234567", "FAXBOX", Time);
        var ringStarts = new List<TimeSpan>();
        var ringing = false;
        var firstData = TimeSpan.Zero;
        rig.Bench.Add(new Probe(() =>
        {
            if (rig.Loop.Subscriber.IsRingSignalPresent && !ringing)
            {
                ringStarts.Add(rig.Bench.Now);
            }

            ringing = rig.Loop.Subscriber.IsRingSignalPresent;
            if (firstData == TimeSpan.Zero && rig.Phone.CallerIds.Count > 0)
            {
                firstData = rig.Bench.Now;
            }
        }));

        rig.Port.Ring(sent);
        rig.Bench.RunUntil(() => rig.Phone.Rings >= 2, TimeSpan.FromSeconds(20), "two ring cycles");

        var expected = rig.Region.CallerId.Standard is CallerIdStandard.Bell202 or CallerIdStandard.EtsiV23 ? sent : new CallerIdMessage("0301234567");
        Assert.Equal([expected], rig.Phone.CallerIds);
        Assert.True(rig.Port.IsRinging);
        var before = rig.Region.CallerId.Alerting != CallerIdAlerting.AfterFirstRing;
        var firstRealRing = rig.Region.CallerId.Alerting == CallerIdAlerting.RingPulse ? ringStarts[1] : ringStarts[0];
        Assert.Equal(before, firstData < firstRealRing);
        var reversals = rig.Region.CallerId.Alerting is CallerIdAlerting.LineReversal or CallerIdAlerting.LineReversalDtas ? 2 : 0;
        Assert.Equal(reversals, rig.Phone.PolarityReversals);
    }

    [Theory]
    [MemberData(nameof(RegionData.Codes), MemberType = typeof(RegionData))]
    public void RingCadenceOnTheLineIsTheRegions(string code)
    {
        using var rig = new FxsRig(code);
        var segments = new List<int>();
        var state = false;
        var run = 0;
        rig.Bench.Add(new Probe(() =>
        {
            var on = rig.Loop.Subscriber.IsRingSignalPresent;
            if (on != state && run > 0)
            {
                segments.Add(run * 20);
                run = 0;
            }

            state = on;
            run++;
        }));

        rig.Port.Ring();
        rig.Bench.Run(TimeSpan.FromMilliseconds((rig.Region.Ring.Cadence.CycleMilliseconds * 2) + 100));

        var pattern = rig.Region.Ring.Cadence.OnOffMilliseconds;
        Assert.Equal([.. pattern, .. pattern], segments.Take(pattern.Count * 2));
    }

    [Fact]
    public void AnsweringTripsTheRingAndReportsOffHook()
    {
        using var rig = new FxsRig("DE");
        rig.Phone.AutoAnswerAfterRings = 2;

        rig.Port.Ring(new CallerIdMessage("4930"));
        rig.Bench.RunUntil(() => rig.Hooks.Count > 0, TimeSpan.FromSeconds(12), "answer");

        Assert.Equal(HookState.OffHook, rig.Hooks.Single().State);
        Assert.False(rig.Port.IsRinging);
        Assert.Equal(FxsLinefeed.ForwardActive, rig.Port.Linefeed);
        Assert.False(rig.Loop.Subscriber.IsRingSignalPresent);
    }

    [Fact]
    public void RingingAnOffHookLineIsRefused()
    {
        using var rig = new FxsRig("US");
        rig.LiftHandset();

        var ex = Assert.Throws<InvalidOperationException>(() => rig.Port.Ring());

        Assert.Contains("off-hook", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FlashIsReportedAndALongBreakIsOnHook()
    {
        using var rig = new FxsRig("US");
        rig.LiftHandset();

        rig.Phone.Flash(TimeSpan.FromMilliseconds(500));
        rig.Bench.Run(TimeSpan.FromSeconds(2));
        Assert.Equal(1, rig.Flashes);
        Assert.Equal(HookState.OffHook, rig.Port.Hook);

        var hungUp = rig.Port.Now;
        rig.Phone.OnHook();
        rig.Bench.Run(TimeSpan.FromSeconds(2));
        Assert.Equal([HookState.OffHook, HookState.OnHook], rig.Hooks.Select(h => h.State));
        var reportedAfter = (rig.Hooks[1].At - hungUp).TotalMilliseconds;
        Assert.InRange(reportedAfter, 1000, 1080); // once the break outlasts the longest flash
        Assert.Empty(rig.Digits);
    }

    [Fact]
    public void ReversedPolarityAndOpenLoopReachTheLine()
    {
        using var rig = new FxsRig("UK");
        rig.LiftHandset();

        rig.Port.SetPolarity(LinePolarity.Reverse);
        rig.Bench.Run(TimeSpan.FromMilliseconds(100));
        Assert.Equal(1, rig.Phone.PolarityReversals);
        Assert.True(rig.Loop.Subscriber.LineVolts < 0);

        rig.Port.SetBattery(false);
        rig.Bench.Run(TimeSpan.FromMilliseconds(400));
        Assert.True(rig.Phone.LoopCurrentDropped);
        Assert.Equal(FxsLinefeed.Open, rig.Port.Linefeed);
    }

    private static bool SoundsLikeBusy(LineRegion region) =>
        region.Busy.FrequenciesHz.SequenceEqual(region.Congestion.FrequenciesHz)
        && region.Busy.Cadence.OnOffMilliseconds.SequenceEqual(region.Congestion.Cadence.OnOffMilliseconds);
}
