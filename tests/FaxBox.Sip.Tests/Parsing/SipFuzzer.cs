using FaxBox.Sip.Messages;
using FaxBox.Sip.Parsing;

namespace FaxBox.Sip.Tests.Parsing;

/// <summary>
/// Mutation fuzzer for the message parser: takes valid messages, mutates them (bit flips, inserted separators, deleted
/// or duplicated runs, truncation, folding) and checks the parser's properties: no exception, a result or a precise
/// error, and for every accepted message a serialization that parses to the same bytes with typed headers readable.
/// Deterministic for a seed. Shared by the unit test (20,000 cases) and the million-case bench run.
/// </summary>
internal sealed class SipFuzzer(IReadOnlyList<byte[]> seeds, int seed)
{
    private static readonly byte[] Interesting = ";,:<>\"\\ \t\r\n@%[]=/?0123456789zZ-"u8.ToArray();
    private readonly Random _random = new(seed);
    private readonly byte[] _buffer = new byte[70_000];

    public int Accepted { get; private set; }

    public int Rejected { get; private set; }

    /// <summary>Runs <paramref name="count"/> cases; returns the first property violation, or null.</summary>
    public string? Run(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var length = Mutate(seeds[_random.Next(seeds.Count)]);
            var input = _buffer.AsSpan(0, length);
            try
            {
                var problem = Check(input);
                if (problem is not null)
                {
                    return $"case {i}: {problem}\n--- input ---\n{System.Text.Encoding.UTF8.GetString(input)}";
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                return $"case {i}: {e.GetType().Name}: {e.Message}\n--- input ---\n{System.Text.Encoding.UTF8.GetString(input)}\n{e}";
            }
        }

        return null;
    }

    private string? Check(ReadOnlySpan<byte> input)
    {
        var result = SipMessageParser.Parse(input);
        _ = SipMessageValidator.Check(input);
        if (!result.Success)
        {
            Rejected++;
            return result.Error.ReasonPhrase.Length == 0 || result.Error.Detail.Length == 0 ? "error without a reason" : null;
        }

        Accepted++;
        var message = result.Message;
        _ = message.Vias;
        _ = message.From;
        _ = message.To;
        _ = message.CSeq;
        _ = message.Contacts;
        _ = message.Routes;
        _ = message.RecordRoutes;
        _ = message.MaxForwards;
        if (message is SipRequest request)
        {
            _ = SipMessageValidator.Check(request);
        }

        var bytes = message.ToBytes();
        var again = SipMessageParser.Parse(bytes);
        if (!again.Success)
        {
            return $"serialized message does not parse: {again.Error}";
        }

        return again.Message.ToBytes().AsSpan().SequenceEqual(bytes) ? null : "serialization is not stable";
    }

    private int Mutate(byte[] source)
    {
        source.CopyTo(_buffer, 0);
        var length = source.Length;
        var mutations = 1 + _random.Next(4);
        for (var m = 0; m < mutations && length > 0; m++)
        {
            var at = _random.Next(length);
            switch (_random.Next(8))
            {
                case 0:
                    _buffer[at] ^= (byte)(1 << _random.Next(8));
                    break;
                case 1:
                    _buffer[at] = Interesting[_random.Next(Interesting.Length)];
                    break;
                case 2:
                    length = Insert(at, length, [Interesting[_random.Next(Interesting.Length)]]);
                    break;
                case 3:
                    var del = Math.Min(length - at, 1 + _random.Next(16));
                    Array.Copy(_buffer, at + del, _buffer, at, length - at - del);
                    length -= del;
                    break;
                case 4:
                    var run = Math.Min(length - at, 1 + _random.Next(64));
                    var copy = _buffer.AsSpan(at, run).ToArray();
                    length = Insert(_random.Next(length), length, copy);
                    break;
                case 5:
                    length = at;
                    break;
                case 6:
                    length = Insert(at, length, "\r\n "u8.ToArray());
                    break;
                default:
                    _buffer[at] = (byte)_random.Next(256);
                    break;
            }
        }

        return length;
    }

    private int Insert(int at, int length, byte[] bytes)
    {
        if (length + bytes.Length > _buffer.Length)
        {
            return length;
        }

        Array.Copy(_buffer, at, _buffer, at + bytes.Length, length - at);
        bytes.CopyTo(_buffer, at);
        return length + bytes.Length;
    }
}
