using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using FaxBox.Core;
using FaxBox.Fax.CallerId;
using FaxBox.Fax.SpanDsp.Handles;
using FaxBox.Fax.SpanDsp.Interop;

namespace FaxBox.Fax.SpanDsp.CallerId;

/// <summary>
/// On-hook caller-ID receiver on spandsp's <c>adsi_rx</c>. spandsp checks the checksum (CRC-16 for J-CLIP) before it
/// delivers a message; the fields are then read with <c>adsi_next_field</c>, after the native call has returned.
/// Understood: MDMF caller ID (date/time, number, reason for absence, name) and CLASS SDMF for Bell 202; the J-CLIP
/// number and reason for absence; DTMF variants "A…C" / "B00C" / "B10C" and "A…#" / "D1#"–"D3#" / "…#".
/// Messages of other types (message waiting, charge information) are ignored. Not thread-safe.
/// </summary>
internal sealed unsafe class SpanDspCallerIdReceiver : ICallerIdReceiver
{
    private readonly AdsiRxHandle _state;
    private readonly CallbackFault _fault = new();
    private readonly List<byte[]> _pending = new(capacity: 2);
    private GCHandle _self;

    public SpanDspCallerIdReceiver(CallerIdStandard standard)
    {
        Standard = standard;
        var native = AdsiCodes.ToNative(standard);
        _self = GCHandle.Alloc(this);
        _state = SpanDspNative.adsi_rx_init(0, native, &OnMessage, GCHandle.ToIntPtr(_self));
        if (_state.IsInvalid)
        {
            _self.Free();
            _state.EnsureValid($"a {standard} caller-ID receiver");
        }
    }

    public CallerIdStandard Standard { get; }

    public event EventHandler<CallerIdMessage>? MessageReceived;

    public void Process(ReadOnlySpan<short> frame)
    {
        AudioFrame.EnsureFrame(frame.Length, nameof(frame));
        ObjectDisposedException.ThrowIf(_state.IsClosed, this);

        // adsi_rx takes const int16_t[]: the caller's frame is passed as is.
        fixed (short* amp = frame)
        {
            SpanDspNative.adsi_rx(_state, amp, frame.Length);
        }

        _fault.ThrowIfCaptured();
        if (_pending.Count == 0)
        {
            return;
        }

        var received = _pending.ToArray();
        _pending.Clear();
        foreach (var raw in received)
        {
            if (Parse(raw) is { } message)
            {
                MessageReceived?.Invoke(this, message);
            }
        }
    }

    public void Dispose()
    {
        if (_state.IsClosed)
        {
            return;
        }

        _state.Dispose();
        if (_self.IsAllocated)
        {
            _self.Free();
        }
    }

    /// <summary>Reads the fields of one delivered message; null when it is not a caller-ID message or is malformed.</summary>
    private CallerIdMessage? Parse(byte[] raw)
    {
        string? number = null, name = null;
        CallerIdTime? time = null;
        char? absence = null;
        fixed (byte* msg = raw)
        {
            byte type;
            byte* body;
            int length;
            var pos = SpanDspNative.adsi_next_field(_state, msg, raw.Length, -1, &type, &body, &length);
            if (pos < 0)
            {
                return null;
            }

            var messageType = type;
            if (!IsCallerIdMessage(messageType))
            {
                return null;
            }

            while (true)
            {
                var next = SpanDspNative.adsi_next_field(_state, msg, raw.Length, pos, &type, &body, &length);
                if (next == -2)
                {
                    return null;
                }

                if (next < 0 || next <= pos)
                {
                    break;
                }

                pos = next;
                var value = new ReadOnlySpan<byte>(body, Math.Max(length, 0));
                switch (Standard)
                {
                    case CallerIdStandard.Bell202 or CallerIdStandard.EtsiV23 when messageType == AdsiCodes.ClassSdmfCallerId:
                        // SDMF: MMDDHHMM then the number, or a single 'O'/'P'.
                        if (value.Length >= 8)
                        {
                            time = ParseTime(value[..8]);
                            var rest = value[8..];
                            if (rest.Length == 1 && rest[0] is (byte)'O' or (byte)'P')
                            {
                                absence = (char)rest[0];
                            }
                            else if (rest.Length > 0)
                            {
                                number = Text(rest);
                            }
                        }

                        break;

                    case CallerIdStandard.Bell202 or CallerIdStandard.EtsiV23:
                        switch (type)
                        {
                            case AdsiCodes.DateTime:
                                time = ParseTime(value);
                                break;
                            case AdsiCodes.CallerNumber:
                                number = Text(value);
                                break;
                            case AdsiCodes.NumberAbsence when value.Length > 0:
                                absence = (char)value[0];
                                break;
                            case AdsiCodes.CallerName:
                                name = Text(value);
                                break;
                        }

                        break;

                    case CallerIdStandard.JapanV23:
                        switch (type)
                        {
                            case AdsiCodes.JclipCallerNumber:
                                number = Text(value);
                                break;
                            case AdsiCodes.JclipAbsence when value.Length > 0:
                                absence = (char)value[0];
                                break;
                        }

                        break;

                    case CallerIdStandard.Dtmf:
                        ReadDtmfField(messageType, type, value, ref number, ref absence);
                        break;
                }
            }
        }

        return new CallerIdMessage(number, name, time, absence);
    }

    private bool IsCallerIdMessage(byte messageType) => Standard switch
    {
        CallerIdStandard.Bell202 => messageType is AdsiCodes.MdmfCallerId or AdsiCodes.ClassSdmfCallerId,
        CallerIdStandard.EtsiV23 => messageType == AdsiCodes.MdmfCallerId,
        CallerIdStandard.JapanV23 => messageType == AdsiCodes.JclipMdmfCallerId,

        // For DTMF the "message type" is the end code.
        _ => messageType is AdsiCodes.DtmfCTerminated or AdsiCodes.DtmfHashTerminated,
    };

    private static void ReadDtmfField(byte terminator, byte type, ReadOnlySpan<byte> value, ref string? number, ref char? absence)
    {
        if (type is AdsiCodes.DtmfCallerNumber or AdsiCodes.DtmfUnspecified)
        {
            if (value.Length > 0)
            {
                number = Text(value);
            }
        }
        else if (terminator == AdsiCodes.DtmfCTerminated && type == AdsiCodes.DtmfCAbsence)
        {
            var code = Text(value);
            absence = code == AdsiCodes.DtmfRestricted ? 'P' : 'O';
        }
        else if (terminator == AdsiCodes.DtmfHashTerminated && type == AdsiCodes.DtmfHashAbsence)
        {
            // D1# private; D2# international; D3# not available.
            absence = value.Length == 1 && value[0] == (byte)'1' ? 'P' : 'O';
        }
    }

    private static CallerIdTime? ParseTime(ReadOnlySpan<byte> value)
    {
        if (value.Length != 8)
        {
            return null;
        }

        foreach (var b in value)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return null;
            }
        }

        static int Two(ReadOnlySpan<byte> v) => ((v[0] - '0') * 10) + (v[1] - '0');
        return new CallerIdTime(Two(value[..2]), Two(value[2..4]), Two(value[4..6]), Two(value[6..8]));
    }

    private static string Text(ReadOnlySpan<byte> value) => Encoding.Latin1.GetString(value);

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static void OnMessage(nint userData, byte* msg, int len)
    {
        // len < 0 is a status report (carrier up/down and the like), not a message.
        if (len <= 0 || GCHandle.FromIntPtr(userData).Target is not SpanDspCallerIdReceiver self)
        {
            return;
        }

        try
        {
            self._pending.Add(new ReadOnlySpan<byte>(msg, len).ToArray());
        }
        catch (Exception ex)
        {
            self._fault.Capture(ex);
        }
    }
}
