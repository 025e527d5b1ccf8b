using FaxBox.Fax.Modems;

namespace FaxBox.Fax.Managed.Hdlc;

/// <summary>
/// HDLC transmit framing for T.30 (T.30 §5.3, ISO/IEC 13239 §4), as a modem's bit source: a preamble of flags
/// (T.30 §5.3.1: 1 s ± 15 % before the first frame, 38 flags at 300 bit/s), then each queued frame with its 16-bit FCS
/// and a zero inserted after every five consecutive ones, frames separated by flags, and flags while the queue is empty.
/// After <see cref="Finish"/> the queue is drained, closing flags are sent and the source reports
/// <see cref="IModemBitSource.EndOfData"/>. <see cref="Abort"/> ends the current frame with seven ones.
/// Octets go least significant bit first. Frames are copied into preallocated slots: no allocation after construction.
/// </summary>
public sealed class HdlcEncoder : IModemBitSource
{
    /// <summary>The flag octet 01111110.</summary>
    public const byte Flag = 0x7E;

    /// <summary>Frames that can wait in the queue.</summary>
    public const int QueueSlots = 8;

    private readonly byte[][] _slots = new byte[QueueSlots][];
    private readonly int[] _lengths = new int[QueueSlots];
    private readonly int _closingFlags;
    private int _head;
    private int _count;
    private int _preambleLeft;
    private int _flagsSinceFrame;
    private bool _finishing;
    private bool _ended;

    // The octet being sent: a flag (no stuffing) or frame data (with stuffing).
    private int _octet;
    private int _octetBits;
    private bool _octetIsFlag;
    private int _ones;
    private int _abortOnes;

    // Position in the current frame: data octets, then 2 FCS octets; -1 when between frames.
    private int _framePosition = -1;
    private ushort _crc;
    private byte _fcsSecond;

    /// <param name="preambleFlags">Flags before the first frame (default 38: 1 s at 300 bit/s, T.30 §5.3.1).</param>
    /// <param name="closingFlags">Flags after the last frame before the carrier stops (default 2).</param>
    public HdlcEncoder(int preambleFlags = 38, int closingFlags = 2)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(preambleFlags);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(closingFlags);
        for (var i = 0; i < QueueSlots; i++)
        {
            _slots[i] = new byte[HdlcDecoder.MaximumOctets - 2];
        }

        _preambleLeft = Math.Max(1, preambleFlags);
        _closingFlags = closingFlags;
    }

    /// <summary>Frames queued and not yet fully sent.</summary>
    public int Pending => _count + (_framePosition >= 0 ? 1 : 0);

    /// <summary>True once the closing flags have been sent after <see cref="Finish"/>.</summary>
    public bool Ended => _ended;

    /// <summary>Queues one frame (address, control, information; the FCS is added here).</summary>
    /// <exception cref="ArgumentException">The frame is empty or longer than an HDLC slot.</exception>
    /// <exception cref="InvalidOperationException">The queue is full or the encoder has been finished.</exception>
    public void Enqueue(ReadOnlySpan<byte> frame)
    {
        if (frame.Length is 0 or > HdlcDecoder.MaximumOctets - 2)
        {
            throw new ArgumentException($"an HDLC frame here is 1 … {HdlcDecoder.MaximumOctets - 2} octets, got {frame.Length}", nameof(frame));
        }

        if (_finishing)
        {
            throw new InvalidOperationException("the HDLC encoder has been finished; no more frames can be queued");
        }

        if (_count == QueueSlots)
        {
            throw new InvalidOperationException($"the HDLC queue is full ({QueueSlots} frames)");
        }

        var slot = (_head + _count) % QueueSlots;
        frame.CopyTo(_slots[slot]);
        _lengths[slot] = frame.Length;
        _count++;
    }

    /// <summary>Sends what is queued, then closing flags, then ends the transmission.</summary>
    public void Finish() => _finishing = true;

    /// <summary>Abandons the frame being sent with an abort (seven ones), then continues with flags.</summary>
    public void Abort()
    {
        if (_framePosition >= 0)
        {
            _framePosition = -1;
            _octetBits = 0;
            _abortOnes = 7;
            _preambleLeft = 1; // a flag opens whatever follows the abort
            _head = (_head + 1) % QueueSlots;
            _count--;
        }
    }

    public int GetBit()
    {
        if (_ended)
        {
            return IModemBitSource.EndOfData;
        }

        if (_abortOnes > 0)
        {
            _abortOnes--;
            _ones = 0;
            return 1;
        }

        if (!_octetIsFlag && _ones == 5)
        {
            // Transparency: a zero after five ones inside a frame.
            _ones = 0;
            return 0;
        }

        if (_octetBits == 0 && !NextOctet())
        {
            _ended = true;
            return IModemBitSource.EndOfData;
        }

        var bit = _octet & 1;
        _octet >>= 1;
        _octetBits--;
        _ones = bit == 1 && !_octetIsFlag ? _ones + 1 : 0;
        return bit;
    }

    private bool NextOctet()
    {
        _octetBits = 8;
        if (_preambleLeft > 0)
        {
            _preambleLeft--;
            return LoadFlag();
        }

        if (_framePosition < 0)
        {
            if (_count == 0)
            {
                if (!_finishing)
                {
                    return LoadFlag();
                }

                return _flagsSinceFrame < _closingFlags && LoadFlag();
            }

            _framePosition = 0;
            _crc = HdlcFcs.Initial;
        }

        var slot = _slots[_head];
        var length = _lengths[_head];
        if (_framePosition < length)
        {
            var octet = slot[_framePosition++];
            _crc = HdlcFcs.Update(_crc, octet);
            return LoadData(octet);
        }

        if (_framePosition == length)
        {
            _framePosition++;
            var fcs = (ushort)~_crc;
            _fcsSecond = (byte)(fcs >> 8);
            return LoadData((byte)fcs);
        }

        if (_framePosition == length + 1)
        {
            _framePosition++;
            return LoadData(_fcsSecond);
        }

        // The frame is done: the closing flag (which also opens the next frame).
        _framePosition = -1;
        _head = (_head + 1) % QueueSlots;
        _count--;
        _flagsSinceFrame = 0;
        return LoadFlag();
    }

    private bool LoadFlag()
    {
        _flagsSinceFrame++;
        _octet = Flag;
        _octetIsFlag = true;
        _ones = 0;
        return true;
    }

    private bool LoadData(byte octet)
    {
        _octet = octet;
        _octetIsFlag = false;
        return true;
    }
}
