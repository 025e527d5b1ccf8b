using FaxBox.Admin.Security;

namespace FaxBox.Admin.Tests.Security;

/// <summary>The one-time set-up code: ten Crockford base32 characters from the kernel's random source, different each start.</summary>
public sealed class SetupCodeTests
{
    [Fact]
    public void Codes_are_ten_crockford_characters_and_differ_from_start_to_start()
    {
        var codes = Enumerable.Range(0, 200).Select(_ => new SetupCode(needed: true).Current!).ToList();
        Assert.All(codes, c => Assert.Matches("^[0-9A-HJKMNP-TV-Z]{10}$", c));
        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        // Every one of the 32 symbols turns up in 2000 characters (each is missing with probability ≈ 1e-27).
        Assert.Equal(32, codes.SelectMany(c => c).Distinct().Count());
        Assert.Null(new SetupCode(needed: false).Current);
    }

    [Fact]
    public void Kernel_random_fills_the_whole_buffer()
    {
        var a = new byte[64];
        var b = new byte[64];
        KernelRandom.Fill(a);
        KernelRandom.Fill(b);
        Assert.False(a.AsSpan().SequenceEqual(b));
        Assert.NotEqual(0, a.Count(x => x != 0));
    }
}
