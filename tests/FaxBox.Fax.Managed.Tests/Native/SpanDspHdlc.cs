using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FaxBox.Fax.Modems;

namespace FaxBox.Fax.Managed.Tests.Native;

/// <summary>
/// spandsp 0.0.6's own HDLC framer (<c>hdlc.h</c>), the reference the managed <c>Hdlc/</c> code is checked against:
/// a transmitter usable as a modem bit source and a receiver usable as a modem bit sink. CRC-16, as T.30 uses it.
/// </summary>
internal sealed unsafe partial class SpanDspHdlc : IModemBitSource, IModemBitSink, IDisposable
{
    private const string Library = "libspandsp.so.2";
    private readonly nint _tx;
    private readonly nint _rx;
    private GCHandle _self;
    private readonly Queue<byte[]> _queue = new();
    private long _bitsLeft;
    private bool _started;

    public SpanDspHdlc(long bitsToSend)
    {
        _self = GCHandle.Alloc(this);
        _tx = hdlc_tx_init(0, 0, 1, 0, &OnUnderflow, GCHandle.ToIntPtr(_self));
        _rx = hdlc_rx_init(0, 0, 1, 4, &OnFrame, GCHandle.ToIntPtr(_self));
        _bitsLeft = bitsToSend;
    }

    /// <summary>Frames received: contents (without FCS) and whether the FCS checked.</summary>
    public List<(byte[] Frame, bool Ok)> Frames { get; } = [];

    /// <summary>Queues a frame on spandsp's transmitter (it adds the FCS).</summary>
    public void Send(byte[] frame)
    {
        _queue.Enqueue(frame);
        if (!_started)
        {
            _started = true;
            hdlc_tx_flags(_tx, 38);
            SendNext();
        }
    }

    private void SendNext()
    {
        if (!_queue.TryDequeue(out var frame))
        {
            return;
        }

        fixed (byte* p = frame)
        {
            if (hdlc_tx_frame(_tx, p, (nuint)frame.Length) != 0)
            {
                throw new InvalidOperationException("hdlc_tx_frame refused the frame");
            }
        }
    }

    public int GetBit() => _bitsLeft-- > 0 ? hdlc_tx_get_bit(_tx) & 1 : IModemBitSource.EndOfData;

    public void PutBit(int bit) => hdlc_rx_put_bit(_rx, bit);

    public void OnStatus(ModemStatus status)
    {
    }

    public void Dispose()
    {
        hdlc_tx_free(_tx);
        hdlc_rx_free(_rx);
        _self.Free();
    }

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static void OnUnderflow(nint user)
    {
        if (GCHandle.FromIntPtr(user).Target is SpanDspHdlc self)
        {
            self.SendNext();
        }
    }

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static void OnFrame(nint user, byte* pkt, int len, int ok)
    {
        if (len >= 0 && GCHandle.FromIntPtr(user).Target is SpanDspHdlc self)
        {
            self.Frames.Add((new ReadOnlySpan<byte>(pkt, len).ToArray(), ok != 0));
        }
    }

    [LibraryImport(Library)]
    private static partial nint hdlc_tx_init(nint s, int crc32, int interFrameFlags, int progressive, delegate* unmanaged[Cdecl]<nint, void> underflow, nint user);

    [LibraryImport(Library)]
    private static partial int hdlc_tx_frame(nint s, byte* frame, nuint len);

    [LibraryImport(Library)]
    private static partial int hdlc_tx_flags(nint s, int len);

    [LibraryImport(Library)]
    private static partial int hdlc_tx_get_bit(nint s);

    [LibraryImport(Library)]
    private static partial int hdlc_tx_free(nint s);

    [LibraryImport(Library)]
    private static partial nint hdlc_rx_init(nint s, int crc32, int reportBadFrames, int framingOkThreshold, delegate* unmanaged[Cdecl]<nint, byte*, int, int, void> handler, nint user);

    [LibraryImport(Library)]
    private static partial void hdlc_rx_put_bit(nint s, int bit);

    [LibraryImport(Library)]
    private static partial int hdlc_rx_free(nint s);
}
