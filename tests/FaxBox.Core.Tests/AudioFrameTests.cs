using FaxBox.Core;

namespace FaxBox.Core.Tests;

public sealed class AudioFrameTests
{
    [Fact]
    public void A_frame_is_20_ms_of_8_kHz_audio()
    {
        Assert.Equal(AudioFrame.SampleRate * AudioFrame.Milliseconds / 1000, AudioFrame.Samples);
        Assert.Equal(TimeSpan.FromMilliseconds(20), AudioFrame.Duration);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(159)]
    [InlineData(161)]
    [InlineData(320)]
    public void Anything_but_160_samples_is_refused_naming_the_parameter(int length)
    {
        var e = Assert.Throws<ArgumentException>(() => AudioFrame.EnsureFrame(length, "frame"));
        Assert.Equal("frame", e.ParamName);
        Assert.Contains(length.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Exactly_160_samples_is_accepted() => AudioFrame.EnsureFrame(160, "frame");

    [Fact]
    public void Log_event_id_blocks_do_not_overlap()
    {
        var blocks = typeof(LogEventIds).GetFields().Select(f => (int)f.GetValue(null)!).Order().ToList();
        Assert.Equal(blocks.Count, blocks.Distinct().Count());
        Assert.All(blocks.Zip(blocks.Skip(1)), p => Assert.True(p.Second - p.First >= 1000));
    }
}
