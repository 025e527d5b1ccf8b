using FaxBox.CallControl.Dialling;

namespace FaxBox.CallControl.Tests.Dialling;

public sealed class DialPatternTests
{
    [Theory]
    [InlineData("201", "201", DialMatch.Complete)]
    [InlineData("201", "20", DialMatch.Partial)]
    [InlineData("201", "", DialMatch.Partial)]
    [InlineData("201", "202", DialMatch.None)]
    [InlineData("201", "2011", DialMatch.None)]
    [InlineData("xxx", "907", DialMatch.Complete)]
    [InlineData("xxx", "9*7", DialMatch.None)]
    [InlineData("[2-9]xx", "199", DialMatch.None)]
    [InlineData("[2-9]xx", "299", DialMatch.Complete)]
    [InlineData("[135]x", "34", DialMatch.Complete)]
    [InlineData("[135]x", "44", DialMatch.None)]
    [InlineData("[1-35]", "2", DialMatch.Complete)]
    [InlineData("[1-35]", "4", DialMatch.None)]
    [InlineData("[*#]1", "#1", DialMatch.Complete)]
    [InlineData("x.", "", DialMatch.CompleteCanExtend)]
    [InlineData("x.", "0123456789", DialMatch.CompleteCanExtend)]
    [InlineData("x.", "12*", DialMatch.None)]
    [InlineData("0x.", "0", DialMatch.CompleteCanExtend)]
    [InlineData("0x.", "1", DialMatch.None)]
    [InlineData("9.1", "1", DialMatch.Complete)]
    [InlineData("9.1", "9991", DialMatch.Complete)]
    [InlineData("9.1", "999", DialMatch.Partial)]
    [InlineData("1x.5", "1235", DialMatch.CompleteCanExtend)]
    [InlineData("+x.", "+4930123", DialMatch.CompleteCanExtend)]
    [InlineData("+x.", "+", DialMatch.CompleteCanExtend)]
    [InlineData("+xx", "+", DialMatch.Partial)]
    [InlineData("+x.", "4930", DialMatch.None)]
    [InlineData("*xx#", "*67", DialMatch.Partial)]
    [InlineData("*xx#", "*67#", DialMatch.Complete)]
    [InlineData("xxx", "12A", DialMatch.None)]
    [InlineData("XxX", "123", DialMatch.Complete)]
    public void DigitsMatchAsTheGrammarSays(string pattern, string digits, DialMatch expected) =>
        Assert.Equal(expected, DialPattern.Parse(pattern).Match(digits));

    [Fact]
    public void A_repeat_that_must_be_followed_is_partial_until_the_tail_arrives()
    {
        var pattern = DialPattern.Parse("0[1-9]x.#");

        Assert.Equal(DialMatch.Partial, pattern.Match("01"));
        Assert.Equal(DialMatch.Partial, pattern.Match("0155"));
        Assert.Equal(DialMatch.Complete, pattern.Match("0155#"));
        Assert.Equal(DialMatch.None, pattern.Match("0155#1"));
        Assert.Equal(DialMatch.None, pattern.Match("00"));
    }

    [Theory]
    [InlineData("", "the pattern is empty")]
    [InlineData("12[34", "position 3: unclosed '['")]
    [InlineData("[", "position 1: unclosed '['")]
    [InlineData("1[]", "position 2: empty set '[]'")]
    [InlineData("[9-2]", "position 2: the range 9-2 runs backwards")]
    [InlineData("[2-a]", "position 4: a range ends with a digit, not 'a'")]
    [InlineData("[-5]", "position 2: '-' in a set needs a digit on each side")]
    [InlineData("[1[2]", "position 3: '[' inside a set (the set opened at position 1 is not closed)")]
    [InlineData("[1+]", "position 3: unexpected '+' in a set")]
    [InlineData(".1", "position 1: '.' has no element before it to repeat")]
    [InlineData("1..", "position 3: '.' follows another '.'")]
    [InlineData("12a", "position 3: unexpected 'a'")]
    [InlineData("12 3", "position 3: unexpected ' '")]
    [InlineData("1]", "position 2: unexpected ']'")]
    public void Bad_patterns_are_rejected_with_the_position(string text, string expected)
    {
        Assert.False(DialPattern.TryParse(text, out var pattern, out var error));
        Assert.Null(pattern);
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_throws_with_the_pattern_and_the_position()
    {
        var ex = Assert.Throws<FormatException>(() => DialPattern.Parse("9[0-"));
        Assert.Contains("'9[0-'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("position", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pattern_of_the_most_elements_is_accepted_and_one_more_is_rejected()
    {
        var longest = new string('1', DialPattern.MaxElements);
        Assert.True(DialPattern.TryParse(longest, out var pattern, out _));
        Assert.Equal(DialMatch.Complete, pattern.Match(longest));
        Assert.Equal(DialMatch.Partial, pattern.Match(longest.AsSpan(0, longest.Length - 1)));

        Assert.False(DialPattern.TryParse(longest + "1", out _, out var error));
        Assert.StartsWith($"position {DialPattern.MaxElements + 1}: the pattern has more than {DialPattern.MaxElements} elements", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Matching_allocates_nothing()
    {
        var pattern = DialPattern.Parse("0[1-9]x.#");
        var digits = "01555123456#".AsSpan();
        pattern.Match(digits);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = DialMatch.None;
        for (var i = 0; i < 100; i++)
        {
            result = pattern.Match(digits);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(DialMatch.Complete, result);
    }

    [Fact]
    public void The_configuration_names_the_bad_pattern_and_its_position()
    {
        var options = new FaxBox.CallControl.Configuration.GatewayOptions
        {
            Accounts = [new FaxBox.CallControl.Configuration.SipAccountSettings { Name = "trunk", Username = "fax", Port = 0 }],
            Ports = [new FaxBox.CallControl.Configuration.PortSettings { Port = 0, Account = "trunk", Number = "201" }],
        };
        options.DialPlan.Patterns = ["x.", "9[2-"];

        var error = Assert.Throws<FaxBox.CallControl.Configuration.GatewayConfigurationException>(() => options.Validate());
        Assert.Equal("dialPlan.patterns[1]", error.Key);
        Assert.StartsWith("position 2: unclosed '['", error.Reason, StringComparison.Ordinal);
    }
}
