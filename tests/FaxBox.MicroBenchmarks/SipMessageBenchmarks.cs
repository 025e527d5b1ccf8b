using System.Buffers;
using BenchmarkDotNet.Attributes;
using FaxBox.Sip.Messages;
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
    private readonly ArrayBufferWriter<byte> _writer = new(4096);

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

    [Benchmark(Description = "parse + serialize 4 messages (IBufferWriter)")]
    public int ParseAndSerializeToBufferWriter()
    {
        _writer.ResetWrittenCount();
        foreach (var m in _messages)
        {
            SipMessageParser.Parse(m).Message!.WriteTo(_writer);
        }

        return _writer.WrittenCount;
    }

    /// <summary>What a transaction layer reads of every message: typed values are built on first access, so this shows their cost.</summary>
    [Benchmark(Description = "parse + read Via/From/To/CSeq/Call-ID + serialize 4 messages")]
    public int ParseReadAndSerialize()
    {
        var n = 0;
        foreach (var m in _messages)
        {
            var message = SipMessageParser.Parse(m).Message!;
            n += message.TopVia!.Branch!.Length + message.From!.Tag!.Length + (message.To!.Tag?.Length ?? 0)
                + (int)message.CSeq!.Value.Number + message.CallId!.Length;
            n += message.WriteTo(_output);
        }

        return n;
    }

    /// <summary>A UAS's full check of each request (RFC 3261 §8.2) on top of the parse.</summary>
    [Benchmark(Description = "parse + UAS checks 4 messages")]
    public int ParseAndCheck()
    {
        var n = 0;
        foreach (var m in _messages)
        {
            var message = SipMessageParser.Parse(m).Message!;
            var verdict = message is SipRequest request ? SipMessageValidator.Check(request) : SipMessageValidator.Check((SipResponse)message);
            n += verdict.StatusCode;
        }

        return n;
    }
}
