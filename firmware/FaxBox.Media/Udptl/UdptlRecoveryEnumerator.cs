using FaxBox.Core.T38;
namespace FaxBox.Media.Udptl;

/// <summary>Walks the open types of a UDPTL <c>error-recovery</c> field (already validated by the decoder). Usable in <c>foreach</c>.</summary>
public ref struct UdptlRecoveryEnumerator
{
    private readonly ReadOnlySpan<byte> _body;
    private readonly int _count;
    private int _offset;
    private int _index;

    internal UdptlRecoveryEnumerator(ReadOnlySpan<byte> body, int count)
    {
        _body = body;
        _count = count;
        _offset = 0;
        _index = -1;
        Current = default;
    }

    /// <summary>The current secondary IFP or FEC entry.</summary>
    public ReadOnlySpan<byte> Current { get; private set; }

    /// <summary>Moves to the next entry.</summary>
    public bool MoveNext()
    {
        if (_index + 1 >= _count)
        {
            return false;
        }

        _index++;
        PerLength.TryReadOpenType(_body, ref _offset, out int start, out int length, out _);
        Current = _body.Slice(start, length);
        return true;
    }

    /// <summary>Returns this enumerator, for <c>foreach</c>.</summary>
    public readonly UdptlRecoveryEnumerator GetEnumerator() => this;
}
