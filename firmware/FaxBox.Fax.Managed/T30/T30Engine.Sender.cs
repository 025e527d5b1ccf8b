using FaxBox.Fax.Managed.T4;

namespace FaxBox.Fax.Managed.T30;

/// <summary>The sending terminal's procedure: DIS → TSI/SUB/DCS + TCF → CFR/FTT → pages (non-ECM or ECM) → DCN.</summary>
internal sealed partial class T30Engine
{
    private readonly IT4DocumentSource? _source;
    private readonly byte[] _remoteDis = new byte[16];
    private readonly byte[] _pprMap = new byte[32];
    private int _remoteDisLength;
    private IT4PageCoder? _coder;
    private int _page;
    private long _pageOffset;
    private long _tcfLeft;
    private bool _retrain;
    private int _rtnCount;
    private string? _documentFault;

    // ECM block being sent (T.30 Annex A).
    private long _blockStart;
    private int _blockIndex;
    private int _blockFrames;
    private bool _pageEndsInBlock;
    private bool _retransmitting;
    private int _ecmCursor;
    private int _rcpSent;
    private int _pprThisBlock;
    private bool _lastPostPageWasPps;

    private void SenderTransmitDone()
    {
        if (_documentFault is not null && State == T30State.SendImage)
        {
            Fail(T30CompletionCode.DocumentError, _documentFault);
            return;
        }

        switch (State)
        {
            case T30State.Tone:
                State = T30State.WaitDis;
                break;
            case T30State.WaitCfr when _feed == FeedKind.Control && _options.T38.TransferredTcf:
                // DCS is out: TCF follows on the image modem, 1.5 s of zeros (T.30 §5.3.4).
                _feed = FeedKind.Tcf;
                _tcfLeft = _modem.BitRate * 3 / 16;
                _tx.StartImage(this, _modem.TrainingIndicator(longTraining: true), _modem.TrainingTicks(longTraining: true), _modem.DataType, _modem.BitRate, hdlc: false);
                break;
            case T30State.WaitCfr:
            case T30State.WaitPostPageResponse:
            case T30State.WaitCtr:
                ArmT4();
                break;
            case T30State.SendImage:
                SendPostPage();
                break;
            default:
                break;
        }
    }

    private void SenderTimerExpired()
    {
        if (State == T30State.RnrPause)
        {
            State = T30State.WaitPostPageResponse;
            SendControl(T30FrameType.Rr);
            return;
        }

        if (State is T30State.WaitCfr or T30State.WaitPostPageResponse or T30State.WaitCtr)
        {
            if (++_tries >= _timers.Tries)
            {
                Fail(T30CompletionCode.NoResponse, $"no response to {LastCommandName()} after {_timers.Tries} tries (T4)");
                return;
            }

            Resend();
        }
    }

    private string LastCommandName() => _controlCount == 0 ? "the command" : T30Frames.Name(_control[_controlStart[_controlCount - 1] + 2]);

    private void SenderFrame(byte fcf, ReadOnlySpan<byte> fif, bool final)
    {
        var type = T30Frames.TypeOf(fcf);
        switch (type)
        {
            case T30FrameType.Csi:
                RemoteIdent = T30Octets.ReadIdent(fif);
                return;
            case T30FrameType.Dis when State is T30State.WaitDis or T30State.WaitCfr:
                fif[..Math.Min(fif.Length, _remoteDis.Length)].CopyTo(_remoteDis);
                _remoteDisLength = Math.Min(fif.Length, _remoteDis.Length);
                if (State == T30State.WaitDis)
                {
                    StartNegotiation();
                }
                else
                {
                    Resend(); // our DCS was not heard: the receiver sent DIS again
                }

                return;
            case T30FrameType.Dcn:
                Fail(T30CompletionCode.UnexpectedDcn, $"the receiver disconnected (DCN) in {State}");
                return;
            case T30FrameType.Crp:
                Resend();
                return;
            default:
                break;
        }

        if (!final)
        {
            return;
        }

        _tries = 0;
        switch (State)
        {
            case T30State.WaitCfr when type == T30FrameType.Cfr:
                _retrain = false;
                _observer.OnPhase(FaxPhase.B);
                StartPage();
                break;
            case T30State.WaitCfr when type == T30FrameType.Ftt:
                if (!StepDown())
                {
                    Fail(T30CompletionCode.CannotTrain, $"FTT at {_modem.BitRate} bit/s, the lowest rate both ends have");
                    return;
                }

                SendDcs();
                break;
            case T30State.WaitCtr when type == T30FrameType.Ctr:
                SendEcmBlock(retransmit: true, longTraining: true);
                break;
            case T30State.WaitPostPageResponse:
                PostPageResponse(type, fif);
                break;
            default:
                break;
        }
    }

    private void StartNegotiation()
    {
        if (_source is null || _source.PageCount == 0)
        {
            Fail(T30CompletionCode.DocumentError, "the document to send has no pages");
            return;
        }

        var offered = _options.Modems & T30Modem.FromDis(_remoteDis.AsSpan(0, _remoteDisLength));
        _rung = -1;
        for (int i = 0; i < T30Modem.Ladder.Length; i++)
        {
            if ((T30Modem.Ladder[i].Modem & offered) != 0)
            {
                _rung = i;
                break;
            }
        }

        if (_rung < 0)
        {
            Fail(T30CompletionCode.Incompatible, "the receiver's DIS offers none of the modems configured");
            return;
        }

        _modem = T30Modem.Ladder[_rung];
        var dis = _remoteDis.AsSpan(0, _remoteDisLength);
        _ecm = _options.Ecm && T30Bits.Get(dis, T30Bits.Ecm);
        _compression = _ecm && T30Bits.Get(dis, T30Bits.T6) ? FaxCompression.T6
            : T30Bits.Get(dis, T30Bits.TwoDimensional) ? FaxCompression.T4TwoDimensional
            : FaxCompression.T4OneDimensional;
        _frameSize = 256;
        _minimumScanMs = _ecm ? 0 : MinimumScanTime(dis);
        _page = 0;
        SendDcs();
    }

    /// <summary>The receiver's minimum scan line time in ms from DIS bits 21–23 (T.30 Table 2 note 7); halved values not used.</summary>
    private static int MinimumScanTime(ReadOnlySpan<byte> dis)
    {
        int code = (T30Bits.Get(dis, 21) ? 4 : 0) | (T30Bits.Get(dis, 22) ? 2 : 0) | (T30Bits.Get(dis, 23) ? 1 : 0);
        return code switch
        {
            0b000 => 20,
            0b001 => 40,
            0b010 => 10,
            0b100 => 5,
            0b011 => 10,
            0b110 => 20,
            0b101 => 40,
            _ => 0,
        };
    }

    private bool StepDown()
    {
        var offered = _options.Modems & T30Modem.FromDis(_remoteDis.AsSpan(0, _remoteDisLength));
        for (int i = _rung + 1; i < T30Modem.Ladder.Length; i++)
        {
            if ((T30Modem.Ladder[i].Modem & offered) != 0)
            {
                _rung = i;
                _modem = T30Modem.Ladder[i];
                return true;
            }
        }

        return false;
    }

    /// <summary>TSI, SUB (when the DIS takes it) and DCS for the page about to be sent; TCF follows.</summary>
    private void SendDcs()
    {
        _format = _source!.PageFormat(_page);
        Span<byte> dcs = stackalloc byte[8];
        dcs.Clear();
        var dis = _remoteDis.AsSpan(0, _remoteDisLength);
        if (!EncodeDcs(dcs, dis, out string? refusal))
        {
            Fail(T30CompletionCode.Incompatible, refusal!);
            return;
        }

        int length = T30Bits.Finish(dcs, dcs.Length);
        BeginControl();
        Span<byte> ident = stackalloc byte[20];
        if (_options.LocalIdent.Length > 0)
        {
            T30Octets.WriteIdent(ident, _options.LocalIdent);
            AddFrame((byte)T30FrameType.Tsi, ident);
        }

        if (_options.SubAddress is { Length: > 0 } sub && T30Bits.Get(dis, T30Bits.SubAddressing))
        {
            T30Octets.WriteIdent(ident, sub);
            AddFrame((byte)T30FrameType.Sub, ident);
        }

        AddFrame((byte)T30FrameType.Dcs, dcs[..length]);
        State = T30State.WaitCfr;
        _tries = 0;
        SendControlMessage();
    }

    private bool EncodeDcs(Span<byte> dcs, ReadOnlySpan<byte> dis, out string? refusal)
    {
        refusal = null;
        T30Bits.Set(dcs, T30Bits.ReadyToReceive);
        _modem.ToDcs(dcs);
        // The page's vertical resolution: its DIS/DCS bit, the unit bit that goes with it, and what to say when refused.
        (int Bit, int Unit, string What)? resolution = _format.YResolution switch
        {
            7700 => (T30Bits.Fine, 0, "fine resolution (DIS bit 15)"),
            15400 => (T30Bits.SuperFine, T30Bits.MetricBased, "R8 × 15.4 lines/mm (DIS bit 41)"),
            11811 => (T30Bits.Res300, T30Bits.InchBased, "300 × 300 dpi (DIS bit 42)"),
            15748 => (T30Bits.Res400, T30Bits.InchBased, "400 × 400 dpi (DIS bit 43)"),
            _ => null,
        };
        if (resolution is (int bit, int unit, string what))
        {
            if (!T30Bits.Get(dis, bit))
            {
                refusal = $"the receiver cannot take {what}";
            }

            T30Bits.Set(dcs, bit);
            if (unit != 0)
            {
                T30Bits.Set(dcs, unit);
            }
        }

        bool dis255 = T30Bits.Get(dis, T30Bits.Width17) || T30Bits.Get(dis, T30Bits.Width18);
        bool dis303 = T30Bits.Get(dis, T30Bits.Width18);
        switch (_format.Width)
        {
            case 2048 or 3072 or 4096:
                refusal ??= dis255 ? null : "the receiver cannot take 255 mm wide pages (DIS bits 17–18)";
                T30Bits.Set(dcs, T30Bits.Width17);
                break;
            case 2432 or 3648 or 4864:
                refusal ??= dis303 ? null : "the receiver cannot take 303 mm wide pages (DIS bits 17–18)";
                T30Bits.Set(dcs, T30Bits.Width18);
                break;
            default:
                break;
        }

        if (T30Bits.Get(dis, T30Bits.Length20))
        {
            T30Bits.Set(dcs, T30Bits.Length20); // unlimited
        }

        switch (_minimumScanMs)
        {
            case 0:
                T30Bits.Set(dcs, 21);
                T30Bits.Set(dcs, 22);
                T30Bits.Set(dcs, 23);
                break;
            case 40:
                T30Bits.Set(dcs, 23);
                break;
            case 10:
                T30Bits.Set(dcs, 22);
                break;
            case 5:
                T30Bits.Set(dcs, 21);
                break;
            default:
                break; // 20 ms: 000
        }

        if (_compression == FaxCompression.T4TwoDimensional)
        {
            T30Bits.Set(dcs, T30Bits.TwoDimensional);
        }

        if (_ecm)
        {
            T30Bits.Set(dcs, T30Bits.Ecm);
            if (_compression == FaxCompression.T6)
            {
                T30Bits.Set(dcs, T30Bits.T6);
            }
        }

        return refusal is null;
    }

    private int NextTcf(Span<byte> destination)
    {
        int n = (int)Math.Min(destination.Length, _tcfLeft);
        destination[..n].Clear();
        _tcfLeft -= n;
        return n;
    }

    private void StartPage()
    {
        CloseCurrentPage();
        _format = _source!.PageFormat(_page);
        int minimumRowBits = _ecm ? 0 : _minimumScanMs * _modem.BitRate / 1000;
        try
        {
            _coder = _source.StartPage(_page, _compression, minimumRowBits);
        }
        catch (Exception e) when (IsDocumentError(e))
        {
            Fail(T30CompletionCode.DocumentError, $"page {_page + 1}: {e.Message}");
            return;
        }

        State = T30State.SendImage;
        if (_ecm)
        {
            _blockStart = 0;
            _blockIndex = 0;
            SendEcmBlock(retransmit: false, longTraining: false);
        }
        else
        {
            _pageOffset = 0;
            _feed = FeedKind.Page;
            _tx.StartImage(this, _modem.TrainingIndicator(longTraining: false), _modem.TrainingTicks(longTraining: false), _modem.DataType, _modem.BitRate, hdlc: false);
        }
    }

    private int NextPageData(Span<byte> destination)
    {
        int n = ReadCoder(_pageOffset, destination);
        _pageOffset += n;
        return n;
    }

    /// <summary>
    /// Reads the page's coded octets; a document error ends the image here (0) and is reported once the transmitter
    /// is done with it, since the feed is called from inside the transmitter's tick.
    /// </summary>
    private int ReadCoder(long offset, Span<byte> destination)
    {
        if (_coder is null || _documentFault is not null)
        {
            return 0;
        }

        try
        {
            return _coder.Read(offset, destination);
        }
        catch (Exception e) when (IsDocumentError(e))
        {
            _documentFault = $"page {_page + 1}: {e.Message}";
            return 0;
        }
    }

    private void SendEcmBlock(bool retransmit, bool longTraining)
    {
        State = T30State.SendImage;
        _retransmitting = retransmit;
        _ecmCursor = 0;
        _rcpSent = 0;
        if (!retransmit)
        {
            _blockFrames = 0;
            _pageEndsInBlock = false;
            _pprThisBlock = 0;
        }

        _feed = FeedKind.EcmBlock;
        _tx.StartImage(this, _modem.TrainingIndicator(longTraining), _modem.TrainingTicks(longTraining), _modem.DataType, _modem.BitRate, hdlc: true);
    }

    /// <summary>The next FCD frame of the block (T.30 Annex A, A.3.4), read from the coder, or one of the three RCPs.</summary>
    private int NextEcmFrame(Span<byte> destination, out bool last)
    {
        last = false;
        while (_rcpSent == 0)
        {
            int i = _ecmCursor;
            if (_retransmitting)
            {
                while (i < _blockFrames && (_pprMap[i >> 3] & (1 << (i & 7))) == 0)
                {
                    i++;
                }

                if (i >= _blockFrames)
                {
                    break;
                }
            }
            else if (i >= 256 || _pageEndsInBlock)
            {
                break;
            }

            int n = ReadCoder(_blockStart + ((long)i * _frameSize), destination.Slice(4, _frameSize));
            _ecmCursor = i + 1;
            if (!_retransmitting)
            {
                if (n < _frameSize)
                {
                    _pageEndsInBlock = true;
                }

                if (n == 0)
                {
                    break;
                }

                _blockFrames = i + 1;
            }

            destination[0] = 0xFF;
            destination[1] = T30Octets.Reverse(ControlNonFinal);
            destination[2] = T30Octets.Reverse(T30Frames.FcdFcf);
            destination[3] = T30Octets.Reverse((byte)i);
            if (_observer.WantsFrames)
            {
                ReportFcd(destination, incoming: false);
            }

            return 4 + n;
        }

        // RCP ×3 closes the block (T.30 Annex A, A.3.5).
        _rcpSent++;
        last = _rcpSent == 3;
        destination[0] = 0xFF;
        destination[1] = T30Octets.Reverse(ControlNonFinal);
        destination[2] = T30Octets.Reverse(RcpFcf);
        if (_observer.WantsFrames)
        {
            Span<byte> rcp = [0xFF, ControlNonFinal, RcpFcf];
            _observer.OnFrame(false, rcp);
        }

        return 3;
    }

    /// <summary>After the image: MPS/EOP (non-ECM) or PPS-NULL/MPS/EOP with the counters (ECM).</summary>
    private void SendPostPage()
    {
        bool lastPage = _page + 1 >= _source!.PageCount;
        var command = lastPage ? T30FrameType.Eop : T30FrameType.Mps;
        State = T30State.WaitPostPageResponse;
        _tries = 0;
        if (!_ecm)
        {
            _rows = _coder?.Rows ?? 0;
            _lastPostPageWasPps = false;
            SendControl(command);
            return;
        }

        if (!_retransmitting && !_pageEndsInBlock && _blockFrames == 256)
        {
            // A full block: is there more of the page after it?
            Span<byte> probe = stackalloc byte[1];
            _pageEndsInBlock = ReadCoder(_blockStart + (256L * _frameSize), probe) == 0;
        }

        Span<byte> pps = stackalloc byte[4];
        pps[0] = _pageEndsInBlock ? (byte)((byte)command | 1) : (byte)0;
        pps[1] = (byte)_page;
        pps[2] = (byte)_blockIndex;
        pps[3] = (byte)Math.Max(0, _blockFrames - 1);
        _lastPostPageWasPps = true;
        BeginControl();
        AddFrame((byte)T30FrameType.Pps, pps);
        SendControlMessage();
    }

    private void PostPageResponse(T30FrameType type, ReadOnlySpan<byte> fif)
    {
        switch (type)
        {
            case T30FrameType.Mcf:
            case T30FrameType.Rtp when !_lastPostPageWasPps:
                if (_ecm && !_pageEndsInBlock)
                {
                    _blockStart += (long)_blockFrames * _frameSize;
                    _blockIndex++;
                    SendEcmBlock(retransmit: false, longTraining: false);
                    return;
                }

                PageConfirmed(retrain: type == T30FrameType.Rtp);
                return;
            case T30FrameType.Rtn when !_lastPostPageWasPps:
                if (++_rtnCount >= _timers.Tries)
                {
                    Fail(T30CompletionCode.PageRejected, $"the receiver rejected page {_page + 1} {_rtnCount} times (RTN)");
                    return;
                }

                StepDown();
                CloseCurrentPage();
                SendDcs(); // retrain, then the page again
                return;
            case T30FrameType.Ppr when _lastPostPageWasPps:
                _ecmRetries++;
                fif[..Math.Min(32, fif.Length)].CopyTo(_pprMap);
                if (++_pprThisBlock >= 4)
                {
                    _pprThisBlock = 0;
                    if (StepDown())
                    {
                        // Continue to correct at a lower rate (T.30 Annex A, A.4.4.2).
                        State = T30State.WaitCtr;
                        Span<byte> ctc = stackalloc byte[2];
                        ctc.Clear();
                        _modem.ToDcs(ctc);
                        BeginControl();
                        AddFrame((byte)T30FrameType.Ctc, ctc);
                        SendControlMessage();
                        return;
                    }

                    Fail(T30CompletionCode.EcmFailed, $"page {_page + 1} block {_blockIndex}: 4 PPRs at {_modem.BitRate} bit/s, the lowest rate");
                    return;
                }

                SendEcmBlock(retransmit: true, longTraining: false);
                return;
            case T30FrameType.Rnr:
                State = T30State.RnrPause;
                _timer = 50;
                return;
            default:
                return;
        }
    }

    private void PageConfirmed(bool retrain)
    {
        _pages++;
        _rtnCount = 0;
        _rows = _coder?.Rows ?? _rows;
        CloseCurrentPage();
        _observer.OnPhase(FaxPhase.D);
        if (++_page >= _source!.PageCount)
        {
            Disconnect(T30CompletionCode.Ok, "OK");
            return;
        }

        var next = _source.PageFormat(_page);
        if (retrain || _retrain || next != _format)
        {
            SendDcs();
            return;
        }

        StartPage();
    }
}
