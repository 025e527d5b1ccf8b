using FaxBox.Core;
using FaxBox.LineInterface.Hardware.Alsa;
using FaxBox.LineInterface.Hardware.Boards;

namespace FaxBox.LineInterface.Hardware.Tests.Alsa;

public sealed class PcmLinkTests
{
    private const int Epipe = -32;

    [Fact]
    public void Capture_is_demultiplexed_per_channel_and_playback_multiplexed()
    {
        var capture = new FakePcmStream(2) { Sample = i => (short)(i % 2 == 0 ? 100 + (i / 2) : -(100 + (i / 2))) };
        var playback = new FakePcmStream(2);
        using var link = new PcmLink(capture, playback, channels: 2, bufferPeriods: 4, startPeriods: 2);
        link.Channel(1).WriteFrame(Enumerable.Repeat((short)7, AudioFrame.Samples).ToArray());

        Assert.True(link.RunPeriod());

        var fxs = new short[AudioFrame.Samples];
        var fxo = new short[AudioFrame.Samples];
        link.Channel(0).ReadFrame(fxs);
        link.Channel(1).ReadFrame(fxo);
        Assert.Equal(Enumerable.Range(100, AudioFrame.Samples).Select(v => (short)v), fxs);
        Assert.Equal(Enumerable.Range(100, AudioFrame.Samples).Select(v => (short)-v), fxo);
        var sent = Assert.Single(playback.Written);
        Assert.All(sent.Where((_, i) => i % 2 == 1), s => Assert.Equal(7, s));
        Assert.All(sent.Where((_, i) => i % 2 == 0), s => Assert.Equal(0, s));
        Assert.Equal(1, link.Channel(0).TransmitUnderflows); // channel 0 had nothing queued: silence went out
        Assert.Equal(1, link.Periods);
    }

    [Fact]
    public void Capture_overrun_is_recovered_and_counted()
    {
        var capture = new FakePcmStream(1);
        capture.Errors.Enqueue(Epipe);
        var playback = new FakePcmStream(1);
        using var link = new PcmLink(capture, playback, 1, 4, 2);

        Assert.True(link.RunPeriod());

        Assert.Equal(1, link.Overruns);
        Assert.Equal([Epipe], capture.Recovered);
        Assert.Null(link.Fault);
    }

    [Fact]
    public void Playback_underrun_is_recovered_and_reprimed_with_silence()
    {
        var capture = new FakePcmStream(1);
        var playback = new FakePcmStream(1);
        playback.Errors.Enqueue(Epipe);
        using var link = new PcmLink(capture, playback, 1, 4, startPeriods: 3);

        Assert.True(link.RunPeriod());

        Assert.Equal(1, link.Underruns);
        Assert.Equal([Epipe], playback.Recovered);
        Assert.Equal(3, playback.Written.Count); // two periods of priming silence, then the period itself
    }

    [Fact]
    public void Unrecoverable_error_stops_the_link_with_alsas_text()
    {
        var capture = new FakePcmStream(1);
        capture.Errors.Enqueue(-19); // -ENODEV: the card went away
        using var link = new PcmLink(capture, new FakePcmStream(1), 1, 4, 2);

        Assert.False(link.RunPeriod());

        Assert.Equal("PCM capture failed: No such device (-19)", link.Fault);
    }

    [Fact]
    public void Port_that_reads_ahead_of_the_link_gets_silence_and_a_count()
    {
        using var link = new PcmLink(new FakePcmStream(1), new FakePcmStream(1), 1, 4, 2);
        var frame = Enumerable.Repeat((short)5, AudioFrame.Samples).ToArray();

        link.Channel(0).ReadFrame(frame);

        Assert.All(frame, s => Assert.Equal(0, s));
        Assert.Equal(1, link.Channel(0).ReceiveUnderflows);
    }

    [Fact]
    public void Alsa_null_device_runs_8_khz_s16_20_ms_periods_through_libasound()
    {
        using var link = PcmLink.Open(new BoardAudioSettings { Device = "null", Channels = 2 });

        for (var i = 0; i < 10; i++)
        {
            link.Channel(0).WriteFrame(new short[AudioFrame.Samples]);
            Assert.True(link.RunPeriod(), link.Fault);
        }

        Assert.Equal(10, link.Periods);
        Assert.Equal(0, link.Overruns + link.Underruns);
        Assert.Equal(2, link.ChannelCount);
    }

    [Fact]
    public void Missing_sound_card_names_the_device_and_alsas_reason()
    {
        var error = Assert.Throws<AlsaException>(() => PcmLink.Open(new BoardAudioSettings { Device = "hw:CARD=faxhatmissing,DEV=0" }));

        Assert.StartsWith("ALSA device \"hw:CARD=faxhatmissing,DEV=0\": cannot open for capture: ", error.Message, StringComparison.Ordinal);
        Assert.True(error.Error < 0);
    }
}
