using FaxBox.CallControl.Dialling;
using FaxBox.LineInterface;

namespace FaxBox.CallControl.Tests.Dialling;

public sealed class SipFailureSignalTests
{
    [Theory]
    [InlineData(486, nameof(CallFailure.Busy), CallProgressTone.Busy, CallProgressTone.None, 17)]
    [InlineData(600, nameof(CallFailure.Busy), CallProgressTone.Busy, CallProgressTone.None, 17)]
    [InlineData(404, nameof(CallFailure.NumberUnknown), CallProgressTone.Sit, CallProgressTone.Congestion, 1)]
    [InlineData(484, nameof(CallFailure.NumberUnknown), CallProgressTone.Sit, CallProgressTone.Congestion, 28)]
    [InlineData(604, nameof(CallFailure.NumberUnknown), CallProgressTone.Sit, CallProgressTone.Congestion, 1)]
    [InlineData(410, nameof(CallFailure.NumberChanged), CallProgressTone.Sit, CallProgressTone.Congestion, 22)]
    [InlineData(485, nameof(CallFailure.NumberAmbiguous), CallProgressTone.Sit, CallProgressTone.Congestion, 1)]
    [InlineData(480, nameof(CallFailure.NoAnswer), CallProgressTone.Congestion, CallProgressTone.None, 18)]
    [InlineData(408, nameof(CallFailure.NoAnswer), CallProgressTone.Congestion, CallProgressTone.None, 102)]
    [InlineData(0, nameof(CallFailure.Unreachable), CallProgressTone.Congestion, CallProgressTone.None, 102)]
    [InlineData(403, nameof(CallFailure.Refused), CallProgressTone.Sit, CallProgressTone.None, 21)]
    [InlineData(401, nameof(CallFailure.NotAuthorised), CallProgressTone.Sit, CallProgressTone.None, 21)]
    [InlineData(407, nameof(CallFailure.NotAuthorised), CallProgressTone.Sit, CallProgressTone.None, 21)]
    [InlineData(500, nameof(CallFailure.NetworkFailure), CallProgressTone.Congestion, CallProgressTone.None, 41)]
    [InlineData(502, nameof(CallFailure.NetworkFailure), CallProgressTone.Congestion, CallProgressTone.None, 38)]
    [InlineData(503, nameof(CallFailure.NetworkFailure), CallProgressTone.Congestion, CallProgressTone.None, 41)]
    [InlineData(504, nameof(CallFailure.NetworkFailure), CallProgressTone.Congestion, CallProgressTone.None, 102)]
    [InlineData(487, nameof(CallFailure.None), CallProgressTone.None, CallProgressTone.None, 127)]
    [InlineData(488, nameof(CallFailure.Other), CallProgressTone.Congestion, CallProgressTone.None, 127)]
    [InlineData(400, nameof(CallFailure.Other), CallProgressTone.Congestion, CallProgressTone.None, 127)]
    [InlineData(699, nameof(CallFailure.Other), CallProgressTone.Congestion, CallProgressTone.None, 127)]
    [InlineData(603, nameof(CallFailure.Other), CallProgressTone.Congestion, CallProgressTone.None, 127)]
    public void Each_final_status_maps_to_its_tones(int status, string failure, CallProgressTone tone, CallProgressTone then, int cause)
    {
        var signal = SipFailureSignal.For(status);

        Assert.Equal(new FailureSignal(status, Enum.Parse<CallFailure>(failure), tone, then, cause), signal);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(180)]
    [InlineData(200)]
    [InlineData(302)]
    [InlineData(399)]
    [InlineData(700)]
    [InlineData(-1)]
    public void Non_failure_codes_are_refused(int status) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SipFailureSignal.For(status));

    [Fact]
    public void Every_failure_code_maps_to_something_and_only_487_to_silence()
    {
        var silent = Enumerable.Range(400, 300).Where(c => SipFailureSignal.For(c).Tone == CallProgressTone.None).ToList();

        Assert.Equal([487], silent);
    }

    [Fact]
    public void The_signal_reads_as_the_user_sees_it()
    {
        Assert.Equal("404 number unknown: Sit then Congestion", SipFailureSignal.For(404).ToString());
        Assert.Equal("486 busy: Busy", SipFailureSignal.For(486).ToString());
        Assert.Equal("unreachable (no response)", SipFailureSignal.For(0).Description);
    }
}
