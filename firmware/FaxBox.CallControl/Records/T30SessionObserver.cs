using FaxBox.Fax;

namespace FaxBox.CallControl.Records;

/// <summary>
/// Follows one T.30 session from its frames, as a relay or a passive listener sees them (the T.38 gateway's relayed
/// frames, or the two <see cref="IT30Monitor"/>s of a G.711 pass-through), to write the per-fax record:
/// <list type="bullet">
/// <item>pages: a page counts when the receiver answers a post-page command (MPS, EOP, EOM, or an ECM PPS carrying one
/// of them, T.30 Annex A.4) with MCF, or with RTP (T.30 §5.3.6.1.4: message received, retrain before the next); a PPS
/// for a page already confirmed (the same page counter, repeated because its MCF was lost) does not count again;</item>
/// <item>rate and ECM: from the last DCS (T.30 Table 2 bits 11–14 and 27);</item>
/// <item>result: "ok" only for DCN after an MCF to EOP; otherwise the last meaningful event: "FTT", "RTN", "PIN",
/// "no response to EOP" (a command left unanswered when DCN came), "call ended on page N" (no DCN at all).</item>
/// </list>
/// Frames arrive on the media thread; <see cref="Summary"/> is safe from any thread (a short lock, never held across a frame).
/// </summary>
public sealed class T30SessionObserver
{
    /// <summary>The result before any T.30 frame was seen.</summary>
    public const string NoSession = "no T.30 session seen";

    private const int NoPage = -1;

    private readonly Lock _lock = new();
    private int _pages;
    private int _bitRate;
    private bool _ecm;
    private bool _success;
    private volatile bool _complete;
    private bool _ended;
    private int _frames;
    private bool _dcsSeen;
    private bool _mcfToEop;
    private string? _negative;
    private T30FrameType? _unanswered;
    private bool _unansweredFromLine;
    private T30FrameType? _postPage;
    private bool _postPageFromLine;
    private int _postPagePpsPage = NoPage;
    private int _lastConfirmedPpsPage = NoPage;
    private string? _noView;

    /// <summary>
    /// Raised after the frame that made a step (the first DCS, each confirmed page, DCN), outside the observer's lock, on
    /// the thread that fed the frame (the media thread): handlers must be quick.
    /// </summary>
    public event EventHandler<T30Progress>? Progress;

    /// <summary>True once DCN was seen, either way.</summary>
    public bool Complete => _complete;

    /// <summary>T.30 frames seen so far (read without the lock; for tests and progress displays).</summary>
    public int FrameCount => Volatile.Read(ref _frames);

    /// <summary>Feeds one frame (address, control, FCF, FIF; no FCS). <paramref name="fromLine"/> says which way it went.</summary>
    public void OnFrame(bool fromLine, ReadOnlySpan<byte> frame)
    {
        if (frame.Length < 3)
        {
            return;
        }

        T30FrameType type = T30Frames.TypeOf(frame[2]);
        string? step = null;
        T30Progress progress;
        lock (_lock)
        {
            _frames++;
            if (_complete)
            {
                return;
            }

            int pagesBefore = _pages;
            bool dcsBefore = _dcsSeen;

            switch (type)
            {
                case T30FrameType.Dcs:
                    _dcsSeen = true;
                    _bitRate = T30Dcs.BitRate(frame);
                    _ecm = T30Dcs.Ecm(frame);
                    Command(type, fromLine);
                    break;

                case T30FrameType.Mps or T30FrameType.Eop or T30FrameType.Eom:
                    PostPage(type, fromLine, NoPage);
                    break;

                case T30FrameType.Pps:
                    if (frame.Length >= 5 && T30Frames.TypeOf(frame[3]) is T30FrameType.Mps or T30FrameType.Eop or T30FrameType.Eom)
                    {
                        PostPage(T30Frames.TypeOf(frame[3]), fromLine, frame[4]);
                    }
                    else
                    {
                        Command(type, fromLine); // PPS-NULL: a partial page, answered by MCF or PPR
                    }

                    break;

                case T30FrameType.Mcf or T30FrameType.Rtp:
                    Confirm(fromLine);
                    break;

                case T30FrameType.Cfr:
                    Answered(fromLine);
                    _negative = null;
                    break;

                case T30FrameType.Ftt or T30FrameType.Rtn or T30FrameType.Pin or T30FrameType.Pip or T30FrameType.Ppr or T30FrameType.Rnr or T30FrameType.Err or T30FrameType.Crp:
                    Answered(fromLine);
                    if (type is T30FrameType.Ftt or T30FrameType.Rtn or T30FrameType.Pin)
                    {
                        _negative = type.ToString().ToUpperInvariant();
                        if (type == T30FrameType.Rtn)
                        {
                            _postPage = null; // the page was not accepted: its post-page command is answered
                        }
                    }

                    break;

                case T30FrameType.Dcn:
                    _complete = true;
                    _success = _mcfToEop;
                    step = "E";
                    break;

                default:
                    break;
            }

            step ??= !dcsBefore && _dcsSeen ? "B" : _pages > pagesBefore ? "D" : null;
            progress = new T30Progress(step ?? string.Empty, _pages, _bitRate, _ecm);
        }

        if (step is not null)
        {
            Progress?.Invoke(this, progress);
        }
    }

    /// <summary>
    /// Records that the T.30 session cannot be seen (no monitor for G.711 pass-through in this engine): if no frame is
    /// ever seen, <paramref name="reason"/> is the result.
    /// </summary>
    public void NoView(string reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        lock (_lock)
        {
            _noView = reason;
        }
    }

    /// <summary>The call ended (BYE, hang-up): a session without DCN is reported as ended on its current page.</summary>
    public void CallEnded()
    {
        lock (_lock)
        {
            _ended = true;
        }
    }

    /// <summary>A consistent view of the session now.</summary>
    public T30Summary Summary()
    {
        lock (_lock)
        {
            return new T30Summary(_pages, _bitRate, _ecm, Result(), _success, _complete, _frames);
        }
    }

    private string Result()
    {
        if (_frames == 0)
        {
            return _noView ?? NoSession;
        }

        if (_complete)
        {
            return _success ? "ok" : _negative ?? (_unanswered is T30FrameType c ? $"no response to {Name(c)}" : $"DCN on page {_pages + 1}");
        }

        if (_ended)
        {
            return _dcsSeen ? $"call ended on page {_pages + 1}" : "call ended before a page";
        }

        return _dcsSeen ? $"in progress: page {_pages + 1}" : "in progress: phase B";
    }

    private static string Name(T30FrameType type) => type.ToString().ToUpperInvariant();

    private void Command(T30FrameType type, bool fromLine)
    {
        _unanswered = type;
        _unansweredFromLine = fromLine;
    }

    private void Answered(bool fromLine)
    {
        if (_unanswered is not null && _unansweredFromLine != fromLine)
        {
            _unanswered = null;
        }
    }

    private void PostPage(T30FrameType type, bool fromLine, int ppsPage)
    {
        Command(type, fromLine);
        _postPage = type;
        _postPageFromLine = fromLine;
        _postPagePpsPage = ppsPage;
    }

    private void Confirm(bool fromLine)
    {
        Answered(fromLine);
        if (_postPage is not T30FrameType command || _postPageFromLine == fromLine)
        {
            return; // an MCF to PPS-NULL (a partial page) or a stray repeat
        }

        bool repeated = _postPagePpsPage != NoPage && _postPagePpsPage == _lastConfirmedPpsPage;
        if (!repeated)
        {
            _pages++;
            _lastConfirmedPpsPage = _postPagePpsPage;
        }

        _postPage = null;
        _negative = null;
        _mcfToEop = command == T30FrameType.Eop;
    }
}
