using System.Globalization;
using System.Text;
using FaxBox.Sip.Parsing;

namespace FaxBox.Sip.Messages;

/// <summary>
/// A SIP request or response (RFC 3261 §7): start line, ordered header fields and body. Typed accessors parse the
/// well-known headers on demand and cache the result on the header line; the values they return are read-only
/// snapshots: to change a header, build a new value and use its setter (or <see cref="Headers"/>).
/// </summary>
public abstract class SipMessage
{
    /// <summary>"SIP/2.0" (RFC 3261 §7.1).</summary>
    public const string Version = "SIP/2.0";

    private static readonly SipNameAddress[] NoAddresses = [];
    private static readonly SipVia[] NoVias = [];

    public SipHeaderCollection Headers { get; protected init; } = new();

    /// <summary>The message body (Content-Length octets). Use <see cref="SetBody"/> to keep Content-Length and Content-Type right.</summary>
    public ReadOnlyMemory<byte> Body { get; set; }

    /// <summary>Every Via value, topmost first.</summary>
    public IReadOnlyList<SipVia> Vias => GetList(SipHeaderNames.Via, NoVias);

    public SipVia? TopVia => Vias is { Count: > 0 } v ? v[0] : null;

    public SipNameAddress? From
    {
        get => GetSingle<SipNameAddress>(SipHeaderNames.From);
        set => SetOrRemove(SipHeaderNames.From, value?.ToString());
    }

    public SipNameAddress? To
    {
        get => GetSingle<SipNameAddress>(SipHeaderNames.To);
        set => SetOrRemove(SipHeaderNames.To, value?.ToString());
    }

    public string? CallId
    {
        get => Headers.Get(SipHeaderNames.CallId);
        set => SetOrRemove(SipHeaderNames.CallId, value);
    }

    public SipCSeq? CSeq
    {
        get => Headers.Find(SipHeaderNames.CSeq) is { } h ? (SipCSeq)SipHeaderParsing.Get(h) : null;
        set => SetOrRemove(SipHeaderNames.CSeq, value?.ToString());
    }

    /// <summary>The Contact values ("Contact: *" gives none; see <see cref="IsContactWildcard"/>).</summary>
    public IReadOnlyList<SipNameAddress> Contacts => IsContactWildcard ? NoAddresses : GetList(SipHeaderNames.Contact, NoAddresses);

    public bool IsContactWildcard => Headers.Find(SipHeaderNames.Contact) is { } h && SipHeaderParsing.Get(h) == SipHeaderParsing.ContactWildcard;

    public IReadOnlyList<SipNameAddress> Routes => GetList(SipHeaderNames.Route, NoAddresses);

    public IReadOnlyList<SipNameAddress> RecordRoutes => GetList(SipHeaderNames.RecordRoute, NoAddresses);

    public int? MaxForwards
    {
        get => Headers.Find(SipHeaderNames.MaxForwards) is { } h ? (int)SipHeaderParsing.Get(h) : null;
        set => SetOrRemove(SipHeaderNames.MaxForwards, value?.ToString(CultureInfo.InvariantCulture));
    }

    public int? ContentLength => Headers.Find(SipHeaderNames.ContentLength) is { } h ? (int)SipHeaderParsing.Get(h) : null;

    /// <summary>The Content-Type value as written (media type and parameters), or null.</summary>
    public string? ContentType => Headers.Get(SipHeaderNames.ContentType);

    /// <summary>The option tags of every line of <paramref name="name"/> (Require, Supported, Proxy-Require, Unsupported, Allow).</summary>
    public IReadOnlyList<string> GetTokens(string name)
    {
        var result = new List<string>();
        foreach (var h in Headers.FindAll(name))
        {
            result.AddRange((List<string>)SipHeaderParsing.Get(h));
        }

        return result;
    }

    /// <summary>True when Supported or Require lists <paramref name="optionTag"/>.</summary>
    public bool Supports(string optionTag) =>
        GetTokens(SipHeaderNames.Supported).Contains(optionTag, StringComparer.OrdinalIgnoreCase)
        || GetTokens(SipHeaderNames.Require).Contains(optionTag, StringComparer.OrdinalIgnoreCase);

    /// <summary>Replaces the topmost Via value (the first element of the first Via line), keeping the others.</summary>
    public void ReplaceTopVia(SipVia via)
    {
        ArgumentNullException.ThrowIfNull(via);
        for (var i = 0; i < Headers.Count; i++)
        {
            var h = Headers[i];
            if (!h.Is(SipHeaderNames.Via))
            {
                continue;
            }

            var list = (List<SipVia>)SipHeaderParsing.Get(h);
            var value = list.Count == 1 ? via.ToString() : via + ", " + string.Join(", ", list.Skip(1));
            Headers.Replace(i, new SipHeader(h.Name, value));
            return;
        }

        Headers.AddFirst(SipHeaderNames.Via, via.ToString());
    }

    /// <summary>Sets the body, Content-Length and Content-Type (removed when <paramref name="contentType"/> is null).</summary>
    public void SetBody(string? contentType, ReadOnlyMemory<byte> body)
    {
        Body = body;
        SetOrRemove(SipHeaderNames.ContentType, contentType);
        Headers.Set(SipHeaderNames.ContentLength, body.Length.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The body as UTF-8 text.</summary>
    public string BodyText => Encoding.UTF8.GetString(Body.Span);

    protected abstract string StartLine { get; }

    /// <summary>The number of octets <see cref="WriteTo"/> writes.</summary>
    public int GetByteCount()
    {
        var n = Encoding.UTF8.GetByteCount(StartLine) + 2;
        foreach (var h in Headers)
        {
            n += Encoding.UTF8.GetByteCount(h.Name) + 1 + h.Separator.Length + Encoding.UTF8.GetByteCount(h.Value) + 2;
        }

        return n + 2 + Body.Length;
    }

    /// <summary>Writes the message (start line, headers as held, empty line, body); returns the octets written.</summary>
    public int WriteTo(Span<byte> destination)
    {
        var n = Encoding.UTF8.GetBytes(StartLine, destination);
        n += WriteCrLf(destination[n..]);
        foreach (var h in Headers)
        {
            n += Encoding.UTF8.GetBytes(h.Name, destination[n..]);
            destination[n++] = (byte)':';
            foreach (var c in h.Separator)
            {
                destination[n++] = (byte)c;
            }

            n += Encoding.UTF8.GetBytes(h.Value, destination[n..]);
            n += WriteCrLf(destination[n..]);
        }

        n += WriteCrLf(destination[n..]);
        Body.Span.CopyTo(destination[n..]);
        return n + Body.Length;
    }

    public byte[] ToBytes()
    {
        var bytes = new byte[GetByteCount()];
        WriteTo(bytes);
        return bytes;
    }

    public override string ToString() => Encoding.UTF8.GetString(ToBytes());

    private static int WriteCrLf(Span<byte> destination)
    {
        destination[0] = (byte)'\r';
        destination[1] = (byte)'\n';
        return 2;
    }

    private T? GetSingle<T>(string name)
        where T : class => Headers.Find(name) is { } h ? (T)SipHeaderParsing.Get(h) : null;

    private IReadOnlyList<T> GetList<T>(string name, T[] empty)
    {
        List<T>? single = null;
        List<T>? merged = null;
        foreach (var h in Headers)
        {
            if (!h.Is(name))
            {
                continue;
            }

            var items = (List<T>)SipHeaderParsing.Get(h);
            if (single is null)
            {
                single = items;
            }
            else
            {
                merged ??= [.. single];
                merged.AddRange(items);
            }
        }

        return merged ?? (IReadOnlyList<T>?)single ?? empty;
    }

    private void SetOrRemove(string name, string? value)
    {
        if (value is null)
        {
            Headers.Remove(name);
        }
        else
        {
            Headers.Set(name, value);
        }
    }
}
