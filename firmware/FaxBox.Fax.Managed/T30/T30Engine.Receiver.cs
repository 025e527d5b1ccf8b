using System.Buffers;
using FaxBox.Fax.Managed.T4;

namespace FaxBox.Fax.Managed.T30;

/// <summary>The receiving terminal's procedure: CED → CSI/DIS → DCS + TCF → CFR/FTT → pages → MCF/RTN/PPR → DCN.</summary>
internal sealed partial class T30Engine
{
    private readonly IT4DocumentSink? _sink;
    private readonly byte[] _received = new byte[32];
    private IT4PageWriter? _writer;
    private long _tcfOctets;
    private long _tcfNonZero;
    private long _tcfZeroRun;
    private long _tcfLongestZeroRun;
    private int _nextInOrder;
    private int _blockFrameCount;
    private byte[]?[]? _held;
    private short[]? _heldLength;
    private int _heldCount;
    private int _confirmedPage = -1;
    private int _confirmedBlock = -1;
    private bool _pageDone;
    private T30FrameType _lastResponse;

    private void ReceiverTransmitDone()
    {
        switch (State)
        {
            case T30State.Tone:
                SendDis();
                break;
            case T30State.WaitDcs:
                ArmT4();
                break;
            case T30State.ReceiveImage:
            case T30State.WaitDcn:
            case T30State.WaitTcf:
                ArmT2();
                break;
            default:
                break;
        }
    }

    private void ReceiverTimerExpired()
    {
        switch (State)
        {
            case T30State.WaitDcs:
                SendDis(); // T4: DIS again until T1 runs out
                break;
            case T30State.WaitDcn:
                End(T30CompletionCode.Ok, "OK (no DCN after the last page's MCF)");
                break;
            case T30State.WaitTcf:
                Respond(T30FrameType.Ftt);
                State = T30State.WaitDcs;
                break;
            default:
                Fail(T30CompletionCode.T2Expired, _pages == 0 && _writer is null
                    ? "T2 expired: no page data after CFR"
                    : $"T2 expired waiting for page {_pages + 1} or a post-page command");
                break;
        }
    }

    /// <summary>CSI (with an ident) and DIS with this terminal's capabilities (T.30 Table 2).</summary>
    private void SendDis()
    {
        State = T30State.WaitDcs;
        Span<byte> dis = stackalloc byte[8];
        dis.Clear();
        T30Bits.Set(dis, T30Bits.ReadyToReceive);
        T30Modem.ToDis(dis, _options.Modems);
        T30Bits.Set(dis, T30Bits.Fine);
        T30Bits.Set(dis, T30Bits.TwoDimensional);
        T30Bits.Set(dis, T30Bits.Width18); // 215, 255 and 303 mm
        T30Bits.Set(dis, T30Bits.Length20); // unlimited
        T30Bits.Set(dis, 21);
        T30Bits.Set(dis, 22);
        T30Bits.Set(dis, 23); // minimum scan line time 0 ms: the page is written as it comes
        if (_options.Ecm)
        {
            T30Bits.Set(dis, T30Bits.Ecm);
            T30Bits.Set(dis, T30Bits.T6);
        }

        T30Bits.Set(dis, T30Bits.SuperFine);
        T30Bits.Set(dis, T30Bits.Res300);
        T30Bits.Set(dis, T30Bits.Res400);
        T30Bits.Set(dis, T30Bits.MetricBased);
        T30Bits.Set(dis, T30Bits.SubAddressing);
        int length = T30Bits.Finish(dis, dis.Length);
        BeginControl();
        if (_options.LocalIdent.Length > 0)
        {
            Span<byte> ident = stackalloc byte[20];
            T30Octets.WriteIdent(ident, _options.LocalIdent);
            AddFrame((byte)T30FrameType.Csi, ident);
        }

        AddFrame((byte)T30FrameType.Dis, dis[..length]);
        SendControlMessage();
    }

    private void ReceiverFrame(byte fcf, ReadOnlySpan<byte> fif, bool final)
    {
        var type = T30Frames.TypeOf(fcf);
        switch (type)
        {
            case T30FrameType.Tsi:
                RemoteIdent = T30Octets.ReadIdent(fif);
                return;
            case T30FrameType.Sub:
                ReceivedSubAddress = T30Octets.ReadIdent(fif);
                return;
            case T30FrameType.Dcs:
                DcsReceived(fif);
                return;
            case T30FrameType.Dcn:
                if (State == T30State.WaitDcn)
                {
                    End(T30CompletionCode.Ok, "OK");
                }
                else
                {
                    CloseCurrentPage();
                    End(T30CompletionCode.UnexpectedDcn, $"the sender disconnected (DCN) after {_pages} page(s), before EOP");
                }

                return;
            case T30FrameType.Crp:
                Resend();
                return;
            case T30FrameType.Mps:
            case T30FrameType.Eop:
            case T30FrameType.Eom:
                if (!_ecm)
                {
                    NonEcmPostPage(type);
                }

                return;
            case T30FrameType.Pps:
                if (_ecm && fif.Length >= 4)
                {
                    PpsReceived(fif);
                }

                return;
            case T30FrameType.Ctc:
                if (T30Modem.FromDcs(fif) is { } rung)
                {
                    _modem = rung;
                    _rung = Array.IndexOf(T30Modem.Ladder, rung);
                }

                Respond(T30FrameType.Ctr);
                return;
            case T30FrameType.Rr:
                Resend(); // our last response again (MCF or PPR)
                return;
            default:
                return;
        }
    }

    private void DcsReceived(ReadOnlySpan<byte> dcs)
    {
        if (T30Modem.FromDcs(dcs) is not { } rung)
        {
            Respond(T30FrameType.Ftt);
            return;
        }

        _modem = rung;
        _rung = Array.IndexOf(T30Modem.Ladder, rung);
        _t1 = T30TimerOptions.Ticks(_timers.T1); // a sender that retrains later gets T1 again to send its DCS
        _ecm = T30Bits.Get(dcs, T30Bits.Ecm);
        _frameSize = T30Bits.Get(dcs, T30Bits.FrameSize64) ? 64 : 256;
        _compression = _ecm && T30Bits.Get(dcs, T30Bits.T6) ? FaxCompression.T6
            : T30Bits.Get(dcs, T30Bits.TwoDimensional) ? FaxCompression.T4TwoDimensional
            : FaxCompression.T4OneDimensional;
        _format = FormatOf(dcs);
        _observer.OnPhase(FaxPhase.B);
        if (_options.T38.TransferredTcf)
        {
            State = T30State.WaitTcf;
            _tcfOctets = 0;
            _tcfNonZero = 0;
            _tcfZeroRun = 0;
            _tcfLongestZeroRun = 0;
            ArmT2();
        }
        else
        {
            // Local TCF: the gateways check the training; no TCF crosses T.38, so the DCS is enough.
            Respond(T30FrameType.Cfr);
            State = T30State.ReceiveImage;
        }
    }

    /// <summary>The page format a DCS announces: width from bits 17–18, resolution from bits 15, 41–44.</summary>
    private static T4PageFormat FormatOf(ReadOnlySpan<byte> dcs)
    {
        int x = 8031, y = 3850;
        if (T30Bits.Get(dcs, T30Bits.Res400))
        {
            x = y = 15748;
        }
        else if (T30Bits.Get(dcs, T30Bits.Res300))
        {
            x = y = 11811;
        }
        else if (T30Bits.Get(dcs, T30Bits.SuperFine))
        {
            y = 15400;
        }
        else if (T30Bits.Get(dcs, T30Bits.Fine))
        {
            y = 7700;
        }

        int mm = T30Bits.Get(dcs, T30Bits.Width18) ? 303 : T30Bits.Get(dcs, T30Bits.Width17) ? 255 : 215;
        int width = (x, mm) switch
        {
            (15748, 215) => 3456,
            (15748, 255) => 4096,
            (15748, _) => 4864,
            (11811, 215) => 2592,
            (11811, 255) => 3072,
            (11811, _) => 3648,
            (_, 215) => 1728,
            (_, 255) => 2048,
            _ => 2432,
        };
        return new T4PageFormat(width, x, y);
    }

    private void Respond(T30FrameType response)
    {
        _lastResponse = response;
        SendControl(response);
    }

    private void ImageDataReceived(ReadOnlySpan<byte> data)
    {
        if (State == T30State.WaitTcf)
        {
            _tcfOctets += data.Length;
            foreach (byte b in data)
            {
                if (b != 0)
                {
                    _tcfNonZero++;
                    _tcfZeroRun = 0;
                }
                else if (++_tcfZeroRun > _tcfLongestZeroRun)
                {
                    _tcfLongestZeroRun = _tcfZeroRun;
                }
            }

            return;
        }

        if (State != T30State.ReceiveImage || _ecm)
        {
            return;
        }

        if (_writer is null && !StartPageWriter())
        {
            return;
        }

        try
        {
            _writer!.Write(data);
        }
        catch (Exception e) when (IsDocumentError(e))
        {
            Fail(T30CompletionCode.DocumentError, $"page {_pages + 1}: {e.Message}");
        }
    }

    private bool StartPageWriter()
    {
        try
        {
            _writer = _sink!.StartPage(_format, _compression);
            _pageDone = false;
            return true;
        }
        catch (Exception e) when (IsDocumentError(e))
        {
            Fail(T30CompletionCode.DocumentError, $"page {_pages + 1}: {e.Message}");
            return false;
        }
    }

    private void ImageSignalEnded()
    {
        if (State != T30State.WaitTcf)
        {
            return;
        }

        // TCF: 1.5 s of zeros (T.30 §5.3.4); accept when 1 s of it arrived without a single error. A T.38 gateway that
        // demodulates a fax machine's TCF relays a few octets of noise while its receiver trains and as the carrier
        // drops, so the longest clean run counts, not the errors at the edges.
        bool good = _tcfLongestZeroRun >= _modem.BitRate / 8;
        if (good)
        {
            State = T30State.ReceiveImage;
            ResetEcmBlock();
            Respond(T30FrameType.Cfr);
        }
        else
        {
            T30Log.TrainingFailed(_logger, _options.LogTag, _modem.BitRate, _tcfOctets, _tcfNonZero, _tcfLongestZeroRun, _modem.BitRate / 8);
            State = T30State.WaitDcs;
            Respond(T30FrameType.Ftt);
        }
    }

    private void NonEcmPostPage(T30FrameType command)
    {
        if (_writer is null)
        {
            if (_pageDone)
            {
                Respond(_lastResponse); // our response was lost: the same again
            }

            return;
        }

        _rows = _writer.Rows;
        _badRows = _writer.BadRows;
        _longestBadRun = _writer.LongestBadRowRun;
        bool acceptable = _rows > 0 && _badRows * 20 <= _rows;
        if (acceptable)
        {
            if (!CommitPage())
            {
                return;
            }

            Respond(T30FrameType.Mcf);
        }
        else
        {
            T30Log.PageRejected(_logger, _options.LogTag, _pages + 1, _rows, _badRows);
            _writer.Dispose();
            _writer = null;
            _pageDone = true;
            Respond(T30FrameType.Rtn);
            State = T30State.WaitDcs; // the sender retrains with DCS
            return;
        }

        AfterPage(command);
    }

    private bool CommitPage()
    {
        try
        {
            _rows = _writer!.Rows;
            _writer.Commit();
        }
        catch (Exception e) when (IsDocumentError(e))
        {
            Fail(T30CompletionCode.DocumentError, $"page {_pages + 1}: {e.Message}");
            return false;
        }
        finally
        {
            _writer?.Dispose();
            _writer = null;
        }

        _pages++;
        _pageDone = true;
        _observer.OnPhase(FaxPhase.D);
        return true;
    }

    private void AfterPage(T30FrameType command)
    {
        State = command switch
        {
            T30FrameType.Eop => T30State.WaitDcn,
            T30FrameType.Eom => T30State.WaitDcs,
            _ => T30State.ReceiveImage,
        };
    }

    private void ResetEcmBlock()
    {
        Array.Clear(_received);
        _nextInOrder = 0;
        _blockFrameCount = 0;
        ReleaseHeldFrames();
    }

    /// <summary>An FCD frame: written at once when it is the next in order, else held (pooled) until the gap fills.</summary>
    private void EcmFrameReceived(int number, ReadOnlySpan<byte> data)
    {
        if (State != T30State.ReceiveImage || !_ecm || data.Length > _frameSize || (_received[number >> 3] & (1 << (number & 7))) != 0)
        {
            return;
        }

        if (_writer is null && !StartPageWriter())
        {
            return;
        }

        _received[number >> 3] |= (byte)(1 << (number & 7));
        if (number != _nextInOrder)
        {
            _held ??= new byte[]?[256];
            _heldLength ??= new short[256];
            var buffer = ArrayPool<byte>.Shared.Rent(_frameSize);
            data.CopyTo(buffer);
            _held[number] = buffer;
            _heldLength[number] = (short)data.Length;
            _heldCount++;
            return;
        }

        WriteEcm(data);
        _nextInOrder++;
        while (_heldCount > 0 && _nextInOrder < 256 && _held![_nextInOrder] is { } next)
        {
            WriteEcm(next.AsSpan(0, _heldLength![_nextInOrder]));
            ArrayPool<byte>.Shared.Return(next);
            _held[_nextInOrder] = null;
            _heldCount--;
            _nextInOrder++;
        }
    }

    private void WriteEcm(ReadOnlySpan<byte> data)
    {
        try
        {
            _writer?.Write(data);
        }
        catch (Exception e) when (IsDocumentError(e))
        {
            Fail(T30CompletionCode.DocumentError, $"page {_pages + 1}: {e.Message}");
        }
    }

    private void ReleaseHeldFrames()
    {
        if (_held is null || _heldCount == 0)
        {
            return;
        }

        for (int i = 0; i < _held.Length; i++)
        {
            if (_held[i] is { } buffer)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                _held[i] = null;
            }
        }

        _heldCount = 0;
    }

    /// <summary>PPS: the block is complete (MCF, and the page ends with PPS-MPS/EOP/EOM) or PPR asks for the missing frames.</summary>
    private void PpsReceived(ReadOnlySpan<byte> fif)
    {
        var command = T30Frames.TypeOf((byte)(fif[0] & 0xFE));
        int page = fif[1];
        int block = fif[2];
        if (page == _confirmedPage && block == _confirmedBlock)
        {
            Respond(T30FrameType.Mcf); // a repeat: our MCF was lost
            return;
        }

        if (State != T30State.ReceiveImage)
        {
            return;
        }

        // The block's frame count: the first PPS of a block has it; spandsp counts only the retransmitted frames in the
        // PPS after a retransmission, so the largest count seen for the block is kept.
        int frames = _blockFrameCount = Math.Max(_blockFrameCount, fif[3] + 1);
        Span<byte> missing = stackalloc byte[32];
        missing.Clear();
        bool complete = true;
        for (int i = 0; i < frames; i++)
        {
            if ((_received[i >> 3] & (1 << (i & 7))) == 0)
            {
                missing[i >> 3] |= (byte)(1 << (i & 7));
                complete = false;
            }
        }

        if (!complete)
        {
            _ecmRetries++;
            _lastResponse = T30FrameType.Ppr;
            BeginControl();
            AddFrame((byte)T30FrameType.Ppr, missing);
            SendControlMessage();
            return;
        }

        _confirmedPage = page;
        _confirmedBlock = block;
        ResetEcmBlock();
        bool pageEnd = fif[0] != 0;
        if (pageEnd)
        {
            if (_writer is null && !StartPageWriter())
            {
                return;
            }

            if (!CommitPage())
            {
                return;
            }

            _confirmedBlock = block;
        }

        Respond(T30FrameType.Mcf);
        if (pageEnd)
        {
            _confirmedPage = page;
            AfterPage(command);
        }
    }
}
