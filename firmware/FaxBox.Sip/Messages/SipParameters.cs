using System.Collections;
using System.Text;

namespace FaxBox.Sip.Messages;

/// <summary>
/// The ordered parameters of a URI or header value (<c>;name=value</c>). Names compare case-insensitively (RFC 3261 §7.3.1);
/// order and spelling are kept so that a message serializes as it was read.
/// </summary>
public sealed class SipParameters : IReadOnlyList<SipParameter>
{
    private readonly List<SipParameter> _items = [];

    public int Count => _items.Count;

    public SipParameter this[int index] => _items[index];

    public bool Contains(string name) => IndexOf(name) >= 0;

    /// <summary>The value of <paramref name="name"/>, null when absent or when it has no value.</summary>
    public string? Get(string name)
    {
        var i = IndexOf(name);
        return i < 0 ? null : _items[i].Value;
    }

    /// <summary>Sets (replacing the first of that name) or adds a parameter.</summary>
    public void Set(string name, string? value)
    {
        var i = IndexOf(name);
        if (i < 0)
        {
            _items.Add(new SipParameter(name, value));
        }
        else
        {
            _items[i] = new SipParameter(_items[i].Name, value);
        }
    }

    public void Add(string name, string? value) => _items.Add(new SipParameter(name, value));

    public bool Remove(string name)
    {
        var i = IndexOf(name);
        if (i < 0)
        {
            return false;
        }

        _items.RemoveAt(i);
        return true;
    }

    public int IndexOf(string name)
    {
        for (var i = 0; i < _items.Count; i++)
        {
            if (string.Equals(_items[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    public SipParameters Clone()
    {
        var copy = new SipParameters();
        copy._items.AddRange(_items);
        return copy;
    }

    internal void AppendTo(StringBuilder builder)
    {
        foreach (var p in _items)
        {
            builder.Append(';').Append(p.Name);
            if (p.Value is not null)
            {
                builder.Append('=').Append(p.Value);
            }
        }
    }

    public override string ToString()
    {
        var builder = new StringBuilder();
        AppendTo(builder);
        return builder.ToString();
    }

    public IEnumerator<SipParameter> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
