using FaxBox.Core;
using FaxBox.Fax.SpanDsp.Tests.Audio;
using FaxBox.Fax.SpanDsp.Tones;
using FaxBox.Fax.Tones;

namespace FaxBox.Fax.SpanDsp.Tests.Tones;

public sealed class DtmfTests
{
    private const string AllDigits = "0123456789*#ABCD";

    [Theory]
    [InlineData(Companding.Linear)]
    [InlineData(Companding.ALaw)]
    [InlineData(Companding.MuLaw)]
    public void All16DigitsRoundTripExactlyOnceEach(Companding law)
    {
        using var generator = new SpanDspDtmfGenerator();
        using var receiver = new SpanDspDtmfReceiver();
        var received = Collect(receiver);

        generator.Enqueue(AllDigits);
        Assert.False(generator.IsIdle);
        var frames = PlayUntilIdle(generator, receiver, law);

        Assert.Equal(AllDigits, received.ToString());

        // 16 digits of 50 ms tone + 55 ms pause = 1.68 s = 84 frames.
        Assert.InRange(frames, 80, 90);
        Assert.True(generator.IsIdle);
    }

    [Fact]
    public void DigitStringsWithPausesAndRepeatedDigitsRoundTrip()
    {
        using var generator = new SpanDspDtmfGenerator();
        using var receiver = new SpanDspDtmfReceiver();
        var received = Collect(receiver);

        generator.Enqueue("1255");
        PlayUntilIdle(generator, receiver, Companding.ALaw);
        Assert.Equal("1255", received.ToString());

        Play(Signals.Silence(25), receiver); // 500 ms pause
        generator.Enqueue("55");
        generator.Enqueue("#9");
        PlayUntilIdle(generator, receiver, Companding.ALaw);

        Assert.Equal("125555#9", received.ToString());
    }

    [Fact]
    public void IdleGeneratorProducesSilence()
    {
        using var generator = new SpanDspDtmfGenerator();
        var frame = new short[AudioFrame.Samples];
        Array.Fill(frame, (short)1234);

        generator.Generate(frame);

        Assert.True(generator.IsIdle);
        Assert.All(frame, s => Assert.Equal(0, s));
    }

    public static TheoryData<string> Distractors => new() { "silence", "noise", "cng", "ced" };

    [Theory]
    [MemberData(nameof(Distractors))]
    public void NoFalseDigits(string distractor)
    {
        using var receiver = new SpanDspDtmfReceiver();
        var received = Collect(receiver);
        var frames = distractor switch
        {
            "silence" => Signals.Silence(500),
            "noise" => Signals.WhiteNoise(-30, 500, seed: 7),
            "cng" => ToneFrames(FaxTone.Cng, 500),
            _ => ToneFrames(FaxTone.Ced, 200),
        };

        var played = Play(frames, receiver);

        Assert.True(played >= 200);
        Assert.Equal(string.Empty, received.ToString());
    }

    [Theory]
    [InlineData("12x4", 'x', 2)]
    [InlineData("e", 'e', 0)]
    [InlineData("0123456789*#ABCDa", 'a', 16)]
    [InlineData("1 2", ' ', 1)]
    public void EnqueueNamesFirstInvalidCharacterAndPosition(string digits, char bad, int position)
    {
        using var generator = new SpanDspDtmfGenerator();

        var ex = Assert.Throws<ArgumentException>(() => generator.Enqueue(digits));

        Assert.Contains($"'{bad}' at position {position}", ex.Message, StringComparison.Ordinal);
        Assert.Equal("digits", ex.ParamName);
        Assert.True(generator.IsIdle); // nothing of the bad string was queued
    }

    [Fact]
    public void FramesMustBe160Samples()
    {
        using var generator = new SpanDspDtmfGenerator();
        using var receiver = new SpanDspDtmfReceiver();

        Assert.Throws<ArgumentException>(() => generator.Generate(new short[80]));
        Assert.Throws<ArgumentException>(() => receiver.Process(new short[320]));
    }

    [Fact]
    public void HandlerExceptionsSurfaceFromProcessWithoutLosingLaterDigits()
    {
        using var generator = new SpanDspDtmfGenerator();
        using var receiver = new SpanDspDtmfReceiver();
        var received = new System.Text.StringBuilder();
        receiver.DigitReceived += (_, digit) =>
        {
            received.Append(digit);
            if (digit == '2')
            {
                throw new InvalidOperationException("handler failed");
            }
        };

        generator.Enqueue("123");
        var frame = new short[AudioFrame.Samples];
        var thrown = 0;
        while (!generator.IsIdle)
        {
            generator.Generate(frame);
            try
            {
                receiver.Process(frame);
            }
            catch (InvalidOperationException)
            {
                thrown++;
            }
        }

        Assert.Equal(1, thrown);
        Assert.Equal("123", received.ToString());
    }

    [Fact]
    public void UseAfterDisposeThrowsAndDoubleDisposeIsHarmless()
    {
        var generator = new SpanDspDtmfGenerator();
        var receiver = new SpanDspDtmfReceiver();
        generator.Dispose();
        generator.Dispose();
        receiver.Dispose();
        receiver.Dispose();

        Assert.Throws<ObjectDisposedException>(() => generator.Enqueue("1"));
        Assert.Throws<ObjectDisposedException>(() => receiver.Process(new short[AudioFrame.Samples]));
    }

    private static System.Text.StringBuilder Collect(SpanDspDtmfReceiver receiver)
    {
        var received = new System.Text.StringBuilder();
        receiver.DigitReceived += (_, digit) => received.Append(digit);
        return received;
    }

    private static int PlayUntilIdle(SpanDspDtmfGenerator generator, SpanDspDtmfReceiver receiver, Companding law)
    {
        var frame = new short[AudioFrame.Samples];
        var frames = 0;
        while (!generator.IsIdle)
        {
            generator.Generate(frame);
            G711.RoundTrip(frame, law);
            receiver.Process(frame);
            frames++;
            Assert.True(frames < 10_000, "generator never became idle");
        }

        // Let the receiver see the trailing silence.
        Play(Signals.Silence(5), receiver);
        return frames;
    }

    private static int Play(IEnumerable<short[]> frames, SpanDspDtmfReceiver receiver)
    {
        var count = 0;
        foreach (var frame in frames)
        {
            G711.RoundTrip(frame, Companding.ALaw);
            receiver.Process(frame);
            count++;
        }

        return count;
    }

    private static IEnumerable<short[]> ToneFrames(FaxTone tone, int frames)
    {
        using var generator = new SpanDspToneGenerator(tone);
        for (var i = 0; i < frames; i++)
        {
            var frame = new short[AudioFrame.Samples];
            generator.Generate(frame);
            yield return frame;
        }
    }
}
