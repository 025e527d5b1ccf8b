using System.Collections;

namespace FaxBox.Sip.Messages;

/// <summary>
/// The header fields of a message in their order (RFC 3261 §7.3). Look-ups take long or compact names in any case;
/// unknown headers are kept and serialized as read.
/// </summary>
public sealed class SipHeaderCollection : IReadOnlyList<SipHeader>
{
    private readonly List<SipHeader> _items;

    public SipHeaderCollection()
    {
        _items = new List<SipHeader>(12);
    }

    internal SipHeaderCollection(int capacity)
    {
        _items = new List<SipHeader>(capacity);
    }

    public int Count => _items.Count;

    public SipHeader this[int index] => _items[index];

    /// <summary>Incremented on every change, so typed caches know when to re-read.</summary>
    internal int Version { get; private set; }

    /// <summary>The value of the first header named <paramref name="name"/>, or null.</summary>
    public string? Get(string name) => Find(name)?.Value;

    public SipHeader? Find(string name)
    {
        var index = SipHeaderNames.IndexOf(name.AsSpan());
        foreach (var h in _items)
        {
            if (h.IsKnown(index, name))
            {
                return h;
            }
        }

        return null;
    }

    /// <summary>Every header line named <paramref name="name"/> in order.</summary>
    public IEnumerable<SipHeader> FindAll(string name)
    {
        var index = SipHeaderNames.IndexOf(name.AsSpan());
        foreach (var h in _items)
        {
            if (h.IsKnown(index, name))
            {
                yield return h;
            }
        }
    }

    /// <summary>How many header lines are named <paramref name="name"/>.</summary>
    public int CountOf(string name)
    {
        var index = SipHeaderNames.IndexOf(name.AsSpan());
        var n = 0;
        foreach (var h in _items)
        {
            if (h.IsKnown(index, name))
            {
                n++;
            }
        }

        return n;
    }

    /// <summary>The first header whose well-known index is <paramref name="knownIndex"/> (no name look-up), or null.</summary>
    internal SipHeader? FindKnown(int knownIndex)
    {
        foreach (var h in _items)
        {
            if (h.KnownIndex == knownIndex)
            {
                return h;
            }
        }

        return null;
    }

    /// <summary>Position of the first header named <paramref name="name"/>, or -1.</summary>
    private int IndexOfName(string name)
    {
        var index = SipHeaderNames.IndexOf(name.AsSpan());
        for (var i = 0; i < _items.Count; i++)
        {
            if (_items[i].IsKnown(index, name))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// All values of <paramref name="name"/>: every line, and for list headers every comma-separated element
    /// (RFC 3261 §7.3.1: "Via: a, b" equals two Via lines).
    /// </summary>
    public IReadOnlyList<string> GetValues(string name)
    {
        var canonical = SipHeaderNames.Canonical(name);
        var index = SipHeaderNames.IndexOf(name.AsSpan());
        var list = SipHeaderNames.IsList(canonical);
        var values = new List<string>();
        foreach (var h in _items)
        {
            if (!h.IsKnown(index, name))
            {
                continue;
            }

            if (!list)
            {
                values.Add(h.Value);
                continue;
            }

            var parts = new List<string>();
            if (Parsing.SipGrammar.TrySplitList(h.Value, parts))
            {
                values.AddRange(parts);
            }
            else if (h.Value.Length > 0)
            {
                values.Add(h.Value);
            }
        }

        return values;
    }

    public bool Contains(string name) => Find(name) is not null;

    public void Add(string name, string value) => Add(new SipHeader(name, value));

    public void Add(SipHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        _items.Add(header);
        Version++;
    }

    /// <summary>Inserts before the first header of the same name (or at the top): a new topmost Via or Record-Route.</summary>
    public void AddFirst(string name, string value)
    {
        var header = new SipHeader(name, value);
        var index = IndexOfName(header.CanonicalName);
        _items.Insert(index < 0 ? 0 : index, header);
        Version++;
    }

    /// <summary>Replaces every header named <paramref name="name"/> by one line with <paramref name="value"/>, in the place of the first.</summary>
    public void Set(string name, string value)
    {
        var header = new SipHeader(name, value);
        var index = IndexOfName(header.CanonicalName);
        if (index < 0)
        {
            _items.Add(header);
        }
        else
        {
            _items[index] = header;
            for (var i = _items.Count - 1; i > index; i--)
            {
                if (_items[i].IsKnown(header.KnownIndex, header.CanonicalName))
                {
                    _items.RemoveAt(i);
                }
            }
        }

        Version++;
    }

    /// <summary>Removes every header named <paramref name="name"/>; returns how many lines went.</summary>
    public int Remove(string name)
    {
        var index = SipHeaderNames.IndexOf(name.AsSpan());
        var removed = _items.RemoveAll(h => h.IsKnown(index, name));
        Version++;
        return removed;
    }

    /// <summary>Removes the line at <paramref name="index"/>.</summary>
    public void RemoveAt(int index)
    {
        _items.RemoveAt(index);
        Version++;
    }

    /// <summary>Replaces the line at <paramref name="index"/>.</summary>
    public void Replace(int index, SipHeader header)
    {
        _items[index] = header;
        Version++;
    }

    public IEnumerator<SipHeader> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
