using FaxBox.Core;
using FaxBox.Fax.CallerId;
using FaxBox.Fax.SpanDsp.CallerId;
using FaxBox.Fax.SpanDsp.Tests.Audio;

namespace FaxBox.Fax.SpanDsp.Tests.CallerId;

public sealed class CallerIdTests
{
    private static readonly CallerIdTime PiDay = new(3, 14, 15, 9);

    public static TheoryData<CallerIdStandard, Companding> EveryStandardBothWays()
    {
        var data = new TheoryData<CallerIdStandard, Companding>();
        foreach (var standard in Enum.GetValues<CallerIdStandard>())
        {
            data.Add(standard, Companding.Linear);
            data.Add(standard, Companding.ALaw);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryStandardBothWays))]
    public void NumberNameAndTimeRoundTrip(CallerIdStandard standard, Companding law)
    {
        var sent = new CallerIdMessage("0301234567", "FAXBOX TEST", PiDay);

        var received = Transmit(standard, law, sent);

        // What each standard can carry; the generator silently drops the rest.
        var expected = standard switch
        {
            CallerIdStandard.Bell202 or CallerIdStandard.EtsiV23 => sent,
            _ => new CallerIdMessage("0301234567"),
        };
        Assert.Equal(expected, Assert.Single(received));
    }

    [Theory]
    [MemberData(nameof(EveryStandardBothWays))]
    public void WithheldNumberRoundTrips(CallerIdStandard standard, Companding law)
    {
        var sent = new CallerIdMessage(null, Time: PiDay, NumberAbsence: 'P');

        var received = Transmit(standard, law, sent);

        var expected = standard switch
        {
            CallerIdStandard.Bell202 or CallerIdStandard.EtsiV23 => sent,
            _ => new CallerIdMessage(null, NumberAbsence: 'P'),
        };
        Assert.Equal(expected, Assert.Single(received));
    }

    [Theory]
    [InlineData(CallerIdStandard.Bell202)]
    [InlineData(CallerIdStandard.EtsiV23)]
    [InlineData(CallerIdStandard.Dtmf)]
    [InlineData(CallerIdStandard.JapanV23)]
    public void UnavailableNumberRoundTrips(CallerIdStandard standard)
    {
        var received = Transmit(standard, Companding.MuLaw, new CallerIdMessage(null, NumberAbsence: 'O'));

        Assert.Equal(new CallerIdMessage(null, NumberAbsence: 'O'), Assert.Single(received));
    }

    [Theory]
    [InlineData(CallerIdStandard.Bell202)]
    [InlineData(CallerIdStandard.EtsiV23)]
    [InlineData(CallerIdStandard.Dtmf)]
    [InlineData(CallerIdStandard.JapanV23)]
    public void TwoQueuedMessagesArriveInOrder(CallerIdStandard standard)
    {
        var first = new CallerIdMessage("123");
        var second = new CallerIdMessage("4567890");

        var received = Transmit(standard, Companding.ALaw, first, second);

        Assert.Equal(new[] { first, second }, received);
    }

    [Theory]
    [InlineData(CallerIdStandard.Bell202)]
    [InlineData(CallerIdStandard.EtsiV23)]
    [InlineData(CallerIdStandard.Dtmf)]
    [InlineData(CallerIdStandard.JapanV23)]
    public void SilenceAndNoiseProduceNoMessage(CallerIdStandard standard)
    {
        using var receiver = new SpanDspCallerIdReceiver(standard);
        Assert.Equal(standard, receiver.Standard);
        var received = new List<CallerIdMessage>();
        receiver.MessageReceived += (_, m) => received.Add(m);

        foreach (var frame in Signals.Silence(250).Concat(Signals.WhiteNoise(-30, 250, seed: 3)))
        {
            receiver.Process(frame);
        }

        Assert.Empty(received);
    }

    [Theory]
    // Bell 202 and V.23 at 1200 bit/s: 300 seizure + 80 mark bits, 10 octets (type, length, 02 05 "12345", checksum) of
    // 10 bits, 5 postamble bits = 485 bits = 404 ms = 21 frames.
    [InlineData(CallerIdStandard.Bell202, 21)]
    [InlineData(CallerIdStandard.EtsiV23, 21)]

    // J-CLIP: 75 mark bits, 18 octets (DLE SOH 07 DLE STX 40 07 02 05 "12345" DLE ETX CRC CRC) of 13 bits, 5 postamble
    // bits = 314 bits = 262 ms = 14 frames.
    [InlineData(CallerIdStandard.JapanV23, 14)]

    // DTMF "A12345C": 7 digits of 50 ms tone + 55 ms pause = 735 ms = 37 frames.
    [InlineData(CallerIdStandard.Dtmf, 37)]
    public void GeneratorGoesIdleAfterMessageAndPostamble(CallerIdStandard standard, int expectedFrames)
    {
        using var generator = new SpanDspCallerIdGenerator(standard);
        Assert.Equal(standard, generator.Standard);
        Assert.True(generator.IsIdle);

        generator.Enqueue(new CallerIdMessage("12345"));
        Assert.False(generator.IsIdle);

        var frame = new short[AudioFrame.Samples];
        var frames = 0;
        while (!generator.IsIdle)
        {
            Array.Fill(frame, (short)777);
            generator.Generate(frame);
            Assert.DoesNotContain((short)777, frame); // every frame is filled completely
            frames++;
            Assert.True(frames < 500, "generator never became idle");
        }

        Assert.Equal(expectedFrames, frames);

        generator.Generate(frame);
        Assert.All(frame, s => Assert.Equal(0, s));
    }

    [Fact]
    public void DtmfNumberMustBeDigits()
    {
        using var generator = new SpanDspCallerIdGenerator(CallerIdStandard.Dtmf);

        var ex = Assert.Throws<ArgumentException>(() => generator.Enqueue(new CallerIdMessage("+4930")));

        Assert.Contains("'+' at position 0", ex.Message, StringComparison.Ordinal);
        Assert.True(generator.IsIdle);
    }

    [Fact]
    public void InvalidMessagesAreRejected()
    {
        using var generator = new SpanDspCallerIdGenerator(CallerIdStandard.EtsiV23);

        Assert.Throws<ArgumentException>(() => generator.Enqueue(new CallerIdMessage("123", NumberAbsence: 'P')));
        Assert.Throws<ArgumentException>(() => generator.Enqueue(new CallerIdMessage("123", Time: new CallerIdTime(13, 1, 0, 0))));
        Assert.Throws<ArgumentException>(() => generator.Enqueue(new CallerIdMessage(null, NumberAbsence: 'S')));
        Assert.Throws<ArgumentException>(() => generator.Enqueue(new CallerIdMessage("123", Name: "Zoë")));
        Assert.Throws<ArgumentException>(() => generator.Enqueue(new CallerIdMessage(new string('1', 300))));
        Assert.True(generator.IsIdle);
    }

    private static List<CallerIdMessage> Transmit(CallerIdStandard standard, Companding law, params CallerIdMessage[] messages)
    {
        using var generator = new SpanDspCallerIdGenerator(standard);
        using var receiver = new SpanDspCallerIdReceiver(standard);
        var received = new List<CallerIdMessage>();
        receiver.MessageReceived += (_, m) => received.Add(m);

        // Some silence first, as on a line between the ring/reversal and the message.
        foreach (var frame in Signals.Silence(10))
        {
            receiver.Process(frame);
        }

        foreach (var message in messages)
        {
            generator.Enqueue(message);
        }

        var buffer = new short[AudioFrame.Samples];
        var frames = 0;
        while (!generator.IsIdle)
        {
            generator.Generate(buffer);
            G711.RoundTrip(buffer, law);
            receiver.Process(buffer);
            Assert.True(++frames < 1000, "generator never became idle");
        }

        foreach (var frame in Signals.Silence(25))
        {
            receiver.Process(frame);
        }

        return received;
    }
}
