using FaxBox.Host.Configuration;

namespace FaxBox.Host.Tests.Configuration;

/// <summary>Durations in faxbox.json: "150ms", "5s", "2m", "1h", or a number of seconds.</summary>
public sealed class DurationTextTests
{
    [Theory]
    [InlineData("150ms", 150)]
    [InlineData("5s", 5_000)]
    [InlineData("0.5s", 500)]
    [InlineData("2m", 120_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData(" 20ms ", 20)]
    [InlineData("0s", 0)]
    public void Parses_a_number_with_a_unit(string text, int milliseconds)
    {
        Assert.True(DurationText.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), value);
    }

    [Theory]
    [InlineData("5")]
    [InlineData("5 s")]
    [InlineData("-5s")]
    [InlineData("s")]
    [InlineData("5sec")]
    [InlineData("1e3ms")]
    [InlineData("00:00:05")]
    [InlineData("2d")]
    [InlineData("25h")]
    [InlineData("1.2.3s")]
    public void Refuses_anything_else(string text) => Assert.False(DurationText.TryParse(text, out _));

    [Fact]
    public void A_number_is_seconds_and_must_not_be_negative()
    {
        Assert.True(DurationText.TryFromSeconds(2.5, out var value));
        Assert.Equal(TimeSpan.FromMilliseconds(2500), value);
        Assert.False(DurationText.TryFromSeconds(-1, out _));
        Assert.False(DurationText.TryFromSeconds(double.NaN, out _));
    }

    [Theory]
    [InlineData(150, "150ms")]
    [InlineData(5_000, "5s")]
    [InlineData(120_000, "2m")]
    [InlineData(7_200_000, "2h")]
    [InlineData(1_500, "1500ms")]
    [InlineData(0, "0s")]
    public void Formats_the_shortest_text_that_reads_back(int milliseconds, string text)
    {
        var value = TimeSpan.FromMilliseconds(milliseconds);
        Assert.Equal(text, DurationText.Format(value));
        Assert.True(DurationText.TryParse(text, out var back));
        Assert.Equal(value, back);
    }
}
