namespace FaxBox.CallControl.Configuration;

/// <summary>The box's own fax terminal (JSON <c>terminal</c>): which numbers it answers and how it presents itself.</summary>
public sealed class TerminalOptions
{
    /// <summary>
    /// The numbers the box answers itself as a fax terminal (an incoming INVITE whose Request-URI or To user is one of
    /// them never rings a port). Digits, *, # or +. Default none.
    /// </summary>
    public List<string> Numbers { get; set; } = [];

    /// <summary>
    /// Answer every incoming INVITE as a fax terminal, whatever number it is for (<c>faxbox fax answer</c>: a box with no
    /// ports that only takes faxes). Default false: only <see cref="Numbers"/>.
    /// </summary>
    public bool AnswerEveryNumber { get; set; }

    /// <summary>The station identity (TSI/CSI) the terminal sends: at most 20 digits, spaces and '+'. Default empty.</summary>
    public string LocalIdent { get; set; } = string.Empty;

    /// <summary>Whether the receiving terminal offers ECM. Default true.</summary>
    public bool Ecm { get; set; } = true;

    /// <summary>How the receiving terminal takes a fax: T.38 (it re-INVITEs to T.38, falling back to G.711) or G.711. Default T.38.</summary>
    public Terminals.FaxTransport Receive { get; set; } = Terminals.FaxTransport.T38;

    /// <summary>
    /// How long an outgoing terminal call may ring before the box cancels it (the outcome is no answer). Default 60 s.
    /// </summary>
    public TimeSpan RingTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Run the terminal calls on one thread of their own, clocked by the media tick but never holding it up (a fax
    /// terminal needs no line timing; its page ends are heavy work that would make the ports' ticks late when many end
    /// together). Needs a restart. Default false: on the media thread, ticked in step with the clock (deterministic under
    /// a virtual clock, as tests and <c>--fast</c> runs need). <c>faxbox run</c> turns it on.
    /// </summary>
    public bool OwnThread { get; set; }

    /// <summary>At most this many terminal calls (both ways) at once; more incoming are refused with 486. Default 64.</summary>
    public int MaxCalls { get; set; } = 64;
}
