namespace FaxBox.Sip.Tests.Parsing;

/// <summary>
/// 20,000 mutated valid messages per run (fixed seeds). The million-case run is
/// <c>tools/bench/sip-fuzz</c> (same fuzzer, in FaxBox.MicroBenchmarks).
/// </summary>
public sealed class SipParserFuzzTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Mutated_messages_parse_or_fail_cleanly_and_round_trip(int seed)
    {
        var fuzzer = new SipFuzzer(Seeds(), seed);
        var problem = fuzzer.Run(10_000);
        Assert.Null(problem);
        Assert.True(fuzzer.Accepted > 500, $"only {fuzzer.Accepted} mutants parsed: mutations too destructive to test the accept path");
        Assert.True(fuzzer.Rejected > 500, $"only {fuzzer.Rejected} mutants rejected");
    }

    internal static IReadOnlyList<byte[]> Seeds()
    {
        var seeds = new List<byte[]>(SipSamples.Calls);
        foreach (var row in TortureVectors.Load("rfc4475").Where(r => r.Expected == "accept"))
        {
            seeds.Add(File.ReadAllBytes(row.File()));
        }

        return seeds;
    }
}
