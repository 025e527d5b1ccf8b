using BenchmarkDotNet.Attributes;
using FaxBox.Sip.Parsing;
using FaxBox.Sip.Tests.Parsing;

namespace FaxBox.MicroBenchmarks;

/// <summary>
/// Parse + serialize of a typical call (INVITE with SDP, 200 OK, ACK, BYE): one operation is the four messages. The
/// baseline is a plain copy of the same octets (the floor any parser is measured against); the target is at least
/// 200,000 messages per second on one core, i.e. under 20 µs per operation. MemoryDiagnoser shows the allocation per
/// call: the message objects and their header strings only.
/// </summary>
[MemoryDiagnoser]
public class SipMessageBenchmarks
{
    private readonly byte[][] _messages = [.. SipSamples.Calls];
    private readonly byte[] _output = new byte[4096];

    [Benchmark(Baseline = true, Description = "copy 4 messages (floor)")]
    public int Copy()
    {
        var n = 0;
        foreach (var m in _messages)
        {
            m.CopyTo(_output, 0);
            n += m.Length;
        }

        return n;
    }

    [Benchmark(Description = "parse 4 messages")]
    public int Parse()
    {
        var n = 0;
        foreach (var m in _messages)
        {
            n += SipMessageParser.Parse(m).Consumed;
        }

        return n;
    }

    [Benchmark(Description = "parse + serialize 4 messages")]
    public int ParseAndSerialize()
    {
        var n = 0;
        foreach (var m in _messages)
        {
            var message = SipMessageParser.Parse(m).Message!;
            n += message.WriteTo(_output);
        }

        return n;
    }
}
