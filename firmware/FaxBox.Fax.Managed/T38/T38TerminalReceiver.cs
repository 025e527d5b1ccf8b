using FaxBox.Core.T38;
using Microsoft.Extensions.Logging;

namespace FaxBox.Fax.Managed.T38;

/// <summary>
/// The receiving half of a T.38 terminal: drops duplicate and late IFPs by their UDPTL sequence number, parses each IFP
/// without allocating (<see cref="T38IfpReader"/>), reassembles HDLC frames from <c>hdlc-data</c> fields and reports
/// frames, image data, indicators and signal ends to its handler. A malformed IFP is logged with what and where and
/// dropped; a frame that lost octets to missing packets is reported as bad.
/// </summary>
internal sealed class T38TerminalReceiver
{
    private readonly IT38ReceiveHandler _handler;
    private readonly T38Asn1Variant _variant;
    private readonly ILogger _logger;
    private readonly byte[] _frame = new byte[T38TerminalTransmitter.MaxFrame + 16];
    private int _frameLength;
    private bool _frameDamaged;
    private bool _started;
    private ushort _expected;

    public T38TerminalReceiver(IT38ReceiveHandler handler, T38Options options, ILogger logger)
    {
        _handler = handler;
        _variant = options.EffectiveAsn1Variant;
        _logger = logger;
    }

    /// <summary>IFPs accepted (not duplicates or late).</summary>
    public long Accepted { get; private set; }

    /// <summary>IFPs dropped as duplicates or late.</summary>
    public long Dropped { get; private set; }

    /// <summary>IFPs the sequence numbers say never arrived.</summary>
    public long Missing { get; private set; }

    /// <summary>IFPs that did not parse.</summary>
    public long Malformed { get; private set; }

    /// <summary>Feeds one IFP with its UDPTL sequence number.</summary>
    public void Receive(ReadOnlySpan<byte> ifp, ushort sequenceNumber)
    {
        if (_started)
        {
            int ahead = (short)(ushort)(sequenceNumber - _expected);
            if (ahead < 0)
            {
                Dropped++;
                return;
            }

            if (ahead > 0)
            {
                // The lost IFPs may have held the start, middle or end of the frame being received: it cannot be trusted.
                Missing += ahead;
                _frameDamaged = true;
            }
        }

        _started = true;
        _expected = (ushort)(sequenceNumber + 1);
        Accepted++;

        if (!T38IfpReader.TryCreate(ifp, _variant, out var reader, out string? error))
        {
            Reject(sequenceNumber, error);
            return;
        }

        if (!reader.IsData)
        {
            // A new signal starts (preamble, training, no-signal): no frame spans it, so loss before it damages none.
            DropPartialFrame();
            _handler.OnIndicator(reader.Indicator);
            return;
        }

        var dataType = reader.DataType;
        while (reader.TryReadField(out var type, out var data, out error))
        {
            switch (type)
            {
                case T38FieldType.HdlcData:
                    Append(data);
                    break;
                case T38FieldType.HdlcSigEnd:
                    DropPartialFrame();
                    _handler.OnSignalEnd(dataType);
                    break;
                case T38FieldType.HdlcFcsOk:
                case T38FieldType.HdlcFcsBad:
                    EndFrame(type == T38FieldType.HdlcFcsOk, dataType);
                    break;
                case T38FieldType.HdlcFcsOkSigEnd:
                case T38FieldType.HdlcFcsBadSigEnd:
                    EndFrame(type == T38FieldType.HdlcFcsOkSigEnd, dataType);
                    _handler.OnSignalEnd(dataType);
                    break;
                case T38FieldType.T4NonEcmData:
                    _handler.OnImageData(data, dataType);
                    break;
                case T38FieldType.T4NonEcmSigEnd:
                    if (!data.IsEmpty)
                    {
                        _handler.OnImageData(data, dataType);
                    }

                    _handler.OnSignalEnd(dataType);
                    break;
                default:
                    break; // V.34/V.8 fields: not for a G3 terminal.
            }
        }

        if (error is not null)
        {
            Reject(sequenceNumber, error);
        }
    }

    private void Append(ReadOnlySpan<byte> data)
    {
        if (_frameLength + data.Length > _frame.Length)
        {
            _frameDamaged = true;
            return;
        }

        data.CopyTo(_frame.AsSpan(_frameLength));
        _frameLength += data.Length;
    }

    private void EndFrame(bool fcsOk, T38DataType dataType)
    {
        int length = _frameLength;
        bool good = fcsOk && !_frameDamaged && length >= 3;
        _frameLength = 0;
        _frameDamaged = false;
        if (length > 0)
        {
            _handler.OnFrame(_frame.AsSpan(0, length), good, dataType);
        }
    }

    private void DropPartialFrame()
    {
        _frameLength = 0;
        _frameDamaged = false;
    }

    private void Reject(ushort sequenceNumber, string? error)
    {
        Malformed++;
        _frameDamaged |= _frameLength > 0;
        T38Log.MalformedIfp(_logger, sequenceNumber, error ?? "malformed");
    }
}
