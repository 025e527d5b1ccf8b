using System.Buffers;
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
    private static readonly int CallIdIndex = SipHeaderNames.IndexOf(SipHeaderNames.CallId);
    private static readonly int CSeqIndex = SipHeaderNames.IndexOf(SipHeaderNames.CSeq);
    private static readonly int ContactIndex = SipHeaderNames.IndexOf(SipHeaderNames.Contact);
    private static readonly int MaxForwardsIndex = SipHeaderNames.IndexOf(SipHeaderNames.MaxForwards);
    private static readonly int ContentLengthIndex = SipHeaderNames.IndexOf(SipHeaderNames.ContentLength);
    private static readonly int ContentTypeIndex = SipHeaderNames.IndexOf(SipHeaderNames.ContentType);

    /// <summary>The octets the message was parsed from (start line to the end of the body), or null for a built message.</summary>
    private byte[]? _raw;

    /// <summary>Octets of the start line with its CRLF in <see cref="_raw"/> while it is unchanged and in canonical layout, else 0.</summary>
    private int _rawStartLineLength;

    /// <summary><see cref="_raw"/>'s length while the whole message serializes to exactly those octets, else 0.</summary>
    private int _rawLength;

    /// <summary><see cref="SipHeaderCollection.Version"/> when parsed: any header change since means re-serializing line by line.</summary>
    private int _rawVersion;

    /// <summary>The body as parsed (a slice of <see cref="_raw"/>).</summary>
    private ReadOnlyMemory<byte> _rawBody;

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
        get => Headers.FindKnown(CallIdIndex)?.Value;
        set => SetOrRemove(SipHeaderNames.CallId, value);
    }

    public SipCSeq? CSeq
    {
        get => Headers.FindKnown(CSeqIndex) is { } h ? (SipCSeq)SipHeaderParsing.Get(h) : null;
        set => SetOrRemove(SipHeaderNames.CSeq, value?.ToString());
    }

    /// <summary>The Contact values ("Contact: *" gives none; see <see cref="IsContactWildcard"/>).</summary>
    public IReadOnlyList<SipNameAddress> Contacts => IsContactWildcard ? NoAddresses : GetList(SipHeaderNames.Contact, NoAddresses);

    public bool IsContactWildcard => Headers.FindKnown(ContactIndex) is { } h && SipHeaderParsing.Get(h) == SipHeaderParsing.ContactWildcard;

    public IReadOnlyList<SipNameAddress> Routes => GetList(SipHeaderNames.Route, NoAddresses);

    public IReadOnlyList<SipNameAddress> RecordRoutes => GetList(SipHeaderNames.RecordRoute, NoAddresses);

    public int? MaxForwards
    {
        get => Headers.FindKnown(MaxForwardsIndex) is { } h ? SipHeaderParsing.GetNumber(h) : null;
        set => SetOrRemove(SipHeaderNames.MaxForwards, value?.ToString(CultureInfo.InvariantCulture));
    }

    public int? ContentLength => Headers.FindKnown(ContentLengthIndex) is { } h ? SipHeaderParsing.GetNumber(h) : null;

    /// <summary>The Content-Type value as written (media type and parameters), or null.</summary>
    public string? ContentType => Headers.FindKnown(ContentTypeIndex)?.Value;

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

    /// <summary>True while the message serializes to exactly the octets it was parsed from.</summary>
    private bool RawIntact => _rawLength > 0 && Headers.Version == _rawVersion && Body.Equals(_rawBody);

    /// <summary>The number of octets <see cref="WriteTo(Span{byte})"/> writes.</summary>
    public int GetByteCount()
    {
        if (RawIntact)
        {
            return _rawLength;
        }

        var n = _rawStartLineLength > 0 ? _rawStartLineLength : Encoding.UTF8.GetByteCount(StartLine) + 2;
        for (var i = 0; i < Headers.Count; i++)
        {
            n += Headers[i].GetByteCount();
        }

        return n + 2 + Body.Length;
    }

    /// <summary>
    /// Writes the message (start line, headers as held, empty line, body); returns the octets written. A parsed message
    /// is copied from the octets it was read from: whole when unchanged, else line by line for the unchanged lines.
    /// </summary>
    public int WriteTo(Span<byte> destination)
    {
        if (RawIntact)
        {
            _raw.AsSpan(0, _rawLength).CopyTo(destination);
            return _rawLength;
        }

        int n;
        if (_rawStartLineLength > 0)
        {
            _raw.AsSpan(0, _rawStartLineLength).CopyTo(destination);
            n = _rawStartLineLength;
        }
        else
        {
            n = Encoding.UTF8.GetBytes(StartLine, destination);
            n += WriteCrLf(destination[n..]);
        }

        // Runs of adjacent unchanged lines of the same parsed message are copied at once.
        byte[]? run = null;
        var runStart = 0;
        var runEnd = 0;
        for (var i = 0; i < Headers.Count; i++)
        {
            var h = Headers[i];
            if (h.LineLength > 0)
            {
                if (run is not null && ReferenceEquals(run, h.Raw) && h.LineStart == runEnd)
                {
                    runEnd += h.LineLength;
                    continue;
                }

                n += CopyRun(run, runStart, runEnd, destination[n..]);
                run = h.Raw;
                runStart = h.LineStart;
                runEnd = runStart + h.LineLength;
                continue;
            }

            n += CopyRun(run, runStart, runEnd, destination[n..]);
            run = null;
            n += h.WriteTo(destination[n..]);
        }

        n += CopyRun(run, runStart, runEnd, destination[n..]);
        n += WriteCrLf(destination[n..]);
        Body.Span.CopyTo(destination[n..]);
        return n + Body.Length;
    }

    /// <summary>Writes the message into <paramref name="writer"/> (one <c>GetSpan</c> of <see cref="GetByteCount"/> octets); returns the octets written.</summary>
    public int WriteTo(IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var written = WriteTo(writer.GetSpan(GetByteCount()));
        writer.Advance(written);
        return written;
    }

    public byte[] ToBytes()
    {
        var bytes = new byte[GetByteCount()];
        WriteTo(bytes);
        return bytes;
    }

    public override string ToString() => Encoding.UTF8.GetString(ToBytes());

    /// <summary>
    /// Called by the parser: the message was read from <paramref name="raw"/>, whose first <paramref name="startLineLength"/>
    /// octets are the start line (0 when not reusable) and which as a whole is the serialization when
    /// <paramref name="wholeLength"/> is its length (0 when the layout differs: folding, bare LF, odd whitespace …).
    /// </summary>
    internal void AttachRaw(byte[] raw, int startLineLength, int wholeLength, ReadOnlyMemory<byte> body)
    {
        _raw = raw;
        _rawStartLineLength = startLineLength;
        _rawLength = wholeLength;
        _rawVersion = Headers.Version;
        _rawBody = body;
        Body = body;
    }

    /// <summary>The start line no longer matches the parsed octets (a new Request-URI).</summary>
    private protected void StartLineChanged()
    {
        _rawStartLineLength = 0;
        _rawLength = 0;
    }

    private static int CopyRun(byte[]? run, int start, int end, Span<byte> destination)
    {
        if (run is null)
        {
            return 0;
        }

        run.AsSpan(start, end - start).CopyTo(destination);
        return end - start;
    }

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
        var index = SipHeaderNames.IndexOf(name.AsSpan());
        for (var i = 0; i < Headers.Count; i++)
        {
            var h = Headers[i];
            if (!h.IsKnown(index, name))
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
