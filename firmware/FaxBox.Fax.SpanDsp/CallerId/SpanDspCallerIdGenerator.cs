using System.Text;
using FaxBox.Core;
using FaxBox.Fax.CallerId;
using FaxBox.Fax.SpanDsp.Handles;
using FaxBox.Fax.SpanDsp.Interop;

namespace FaxBox.Fax.SpanDsp.CallerId;

/// <summary>
/// On-hook caller-ID transmitter on spandsp's <c>adsi_tx</c>, with spandsp's default channel seizure, mark and postamble.
/// Messages are built with <c>adsi_add_field</c>:
/// <list type="bullet">
/// <item><see cref="CallerIdStandard.Bell202"/> and <see cref="CallerIdStandard.EtsiV23"/>: an MDMF caller-ID message with
/// date/time, number or reason for absence ('O' or 'P'), and name.</item>
/// <item><see cref="CallerIdStandard.JapanV23"/>: an MDMF message with number or reason for absence ('C', 'O', 'P' or 'S').
/// J-CLIP has no name or date/time here: those fields are silently omitted.</item>
/// <item><see cref="CallerIdStandard.Dtmf"/>: EN 300 659-1 Annex B variant 1, "A&lt;digits&gt;C", or "B10C" for a withheld
/// ('P') and "B00C" for an unavailable ('O') number. Name and date/time cannot be sent by DTMF and are silently omitted.</item>
/// </list>
/// Everything a standard cannot carry is validated: non-ASCII text, non-digit DTMF numbers, out-of-range times or
/// over-long messages throw <see cref="ArgumentException"/> from <see cref="Enqueue"/>. Not thread-safe.
/// </summary>
internal sealed unsafe class SpanDspCallerIdGenerator : ICallerIdGenerator
{
    /// <summary>Room for a message under construction; adsi_add_field itself does no bounds checking.</summary>
    private const int BuildBufferSize = 512;

    private readonly AdsiTxHandle _state;
    private readonly Queue<byte[]> _queued = new();
    private readonly int _maxMessageLength;
    private bool _sending;

    public SpanDspCallerIdGenerator(CallerIdStandard standard)
    {
        Standard = standard;
        var native = AdsiCodes.ToNative(standard);

        // adsi_tx_put_message limits (0.0.6): J-CLIP adds 9 framing octets to a 128-octet buffer; CLIP-DTMF goes to the
        // 128-digit DTMF queue; the FSK formats append a checksum to a 256-octet buffer.
        _maxMessageLength = standard switch
        {
            CallerIdStandard.JapanV23 => 128 - 9,
            CallerIdStandard.Dtmf => 127,
            _ => 255,
        };
        _state = SpanDspNative.adsi_tx_init(0, native);
        _state.EnsureValid($"a {standard} caller-ID transmitter");
    }

    public CallerIdStandard Standard { get; }

    public bool IsIdle => _queued.Count == 0 && !_sending;

    public void Enqueue(CallerIdMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        ObjectDisposedException.ThrowIf(_state.IsClosed, this);
        if (message.Number is not null && message.NumberAbsence is not null)
        {
            throw new ArgumentException("a caller-ID message carries a number or a reason for its absence, not both", nameof(message));
        }

        _queued.Enqueue(Build(message));
    }

    public void Generate(Span<short> frame)
    {
        AudioFrame.EnsureFrame(frame.Length, nameof(frame));
        ObjectDisposedException.ThrowIf(_state.IsClosed, this);
        var done = 0;
        if (!_sending && _queued.TryPeek(out var next))
        {
            fixed (byte* msg = next)
            {
                var taken = SpanDspNative.adsi_tx_put_message(_state, msg, next.Length);
                if (taken < 0)
                {
                    throw new InvalidOperationException($"libspandsp rejected a {next.Length}-octet {Standard} caller-ID message");
                }

                if (taken > 0)
                {
                    _queued.Dequeue();
                    _sending = true;
                }
            }
        }

        if (_sending)
        {
            fixed (short* amp = frame)
            {
                done = Math.Clamp(SpanDspNative.adsi_tx(_state, amp, frame.Length), 0, frame.Length);
            }

            if (done < frame.Length)
            {
                // The message and its postamble are out; the modem has switched off.
                _sending = false;
            }
        }

        frame[done..].Clear();
    }

    public void Dispose() => _state.Dispose();

    private byte[] Build(CallerIdMessage message)
    {
        var builder = new MessageBuilder(this);
        switch (Standard)
        {
            case CallerIdStandard.Bell202:
            case CallerIdStandard.EtsiV23:
                builder.Start(AdsiCodes.MdmfCallerId);
                if (message.Time is { } time)
                {
                    builder.Add(AdsiCodes.DateTime, FormatTime(time));
                }

                if (message.Number is not null)
                {
                    builder.Add(AdsiCodes.CallerNumber, Ascii(message.Number, nameof(CallerIdMessage.Number)));
                }
                else if (message.NumberAbsence is { } absence)
                {
                    builder.Add(AdsiCodes.NumberAbsence, [AbsenceCode(absence, "OP")]);
                }

                if (message.Name is not null)
                {
                    builder.Add(AdsiCodes.CallerName, Ascii(message.Name, nameof(CallerIdMessage.Name)));
                }

                break;

            case CallerIdStandard.JapanV23:
                builder.Start(AdsiCodes.JclipMdmfCallerId);
                if (message.Number is not null)
                {
                    builder.Add(AdsiCodes.JclipCallerNumber, Ascii(message.Number, nameof(CallerIdMessage.Number)));
                }
                else if (message.NumberAbsence is { } absence)
                {
                    builder.Add(AdsiCodes.JclipAbsence, [AbsenceCode(absence, "COPS")]);
                }

                break;

            case CallerIdStandard.Dtmf:
                builder.Start(AdsiCodes.DtmfCTerminated);
                if (message.Number is not null)
                {
                    builder.Add(AdsiCodes.DtmfCallerNumber, DtmfDigits(message.Number));
                }
                else if (message.NumberAbsence is { } absence)
                {
                    var code = AbsenceCode(absence, "OP") == (byte)'P' ? AdsiCodes.DtmfRestricted : AdsiCodes.DtmfUnavailable;
                    builder.Add(AdsiCodes.DtmfCAbsence, Encoding.ASCII.GetBytes(code));
                }

                break;
        }

        return builder.ToArray();
    }

    private static byte[] FormatTime(CallerIdTime time)
    {
        if (time.Month is < 1 or > 12 || time.Day is < 1 or > 31 || time.Hour is < 0 or > 23 || time.Minute is < 0 or > 59)
        {
            throw new ArgumentException($"caller-ID time {time} is out of range (month 1–12, day 1–31, hour 0–23, minute 0–59)", "message");
        }

        return Encoding.ASCII.GetBytes(time.ToString());
    }

    private static byte[] Ascii(string text, string field)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is < ' ' or > '~')
            {
                throw new ArgumentException($"caller-ID {field} has a character that is not printable ASCII at position {i}", "message");
            }
        }

        return Encoding.ASCII.GetBytes(text);
    }

    private static byte[] DtmfDigits(string number)
    {
        for (var i = 0; i < number.Length; i++)
        {
            if (number[i] is < '0' or > '9')
            {
                throw new ArgumentException($"DTMF caller ID can only send digits 0–9: '{number[i]}' at position {i} of the number", "message");
            }
        }

        return Encoding.ASCII.GetBytes(number);
    }

    private static byte AbsenceCode(char absence, string allowed)
    {
        if (!allowed.Contains(absence, StringComparison.Ordinal))
        {
            throw new ArgumentException($"number absence '{absence}' is not one of \"{allowed}\" for this standard", "message");
        }

        return (byte)absence;
    }

    /// <summary>Builds one message in a pinned scratch buffer through <c>adsi_add_field</c>, checking sizes first.</summary>
    private sealed class MessageBuilder(SpanDspCallerIdGenerator owner)
    {
        private readonly byte[] _buffer = new byte[BuildBufferSize];
        private int _length;

        public void Start(byte messageType)
        {
            fixed (byte* msg = _buffer)
            {
                _length = SpanDspNative.adsi_add_field(owner._state, msg, -1, messageType, null, 0);
            }
        }

        public void Add(byte fieldType, byte[] body)
        {
            // Worst case: type, length and every body octet DLE-stuffed (J-CLIP), plus the moved terminator (DTMF).
            var worst = _length + 2 + 2 + (2 * body.Length) + 1;
            if (body.Length > byte.MaxValue || worst > _buffer.Length
                || _length + 2 + body.Length > owner._maxMessageLength)
            {
                throw new ArgumentException(
                    $"the caller-ID message is too long for {owner.Standard} (at most {owner._maxMessageLength} octets)", "message");
            }

            fixed (byte* msg = _buffer)
            fixed (byte* field = body)
            {
                _length = SpanDspNative.adsi_add_field(owner._state, msg, _length, fieldType, field, body.Length);
            }

            if (_length > owner._maxMessageLength)
            {
                throw new ArgumentException(
                    $"the caller-ID message is too long for {owner.Standard} (at most {owner._maxMessageLength} octets)", "message");
            }
        }

        public byte[] ToArray() => _buffer.AsSpan(0, _length).ToArray();
    }
}
