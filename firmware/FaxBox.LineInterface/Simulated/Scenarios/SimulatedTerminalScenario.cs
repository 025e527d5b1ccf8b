using FaxBox.Fax;

namespace FaxBox.LineInterface.Simulated.Scenarios;

/// <summary>
/// A virtual terminal on a simulated loop (JSON <c>terminal</c>): a phone that answers and dials, or a fax machine that
/// sends a document to a number at a given simulated time, or answers and receives into a folder.
/// </summary>
public sealed class SimulatedTerminalScenario
{
    /// <summary>The default of <see cref="Ident"/>.</summary>
    public const string DefaultIdent = "VIRTUAL FAX";

    /// <summary>Phone or fax machine (JSON <c>type</c>). Required.</summary>
    public required SimulatedTerminalKind Kind { get; init; }

    /// <summary>Rings before the terminal answers (JSON <c>answerAfterRings</c>, 1–20); null for the terminal's default
    /// (a phone 1, a fax machine 2). A sending fax machine also answers, but then it receives nothing.</summary>
    public int? AnswerAfterRings { get; init; }

    /// <summary>Phone: digits dialled on dial tone after going off-hook (JSON <c>dials</c>, 0–9 * # A–D); null to dial nothing.</summary>
    public string? PhoneDials { get; init; }

    /// <summary>Fax machine: send or receive (JSON <c>send</c> or <c>receive</c>, exactly one).</summary>
    public FaxDirection Direction { get; init; }

    /// <summary>Sending: the TIFF-F document (JSON <c>send.document</c>, full path after loading); null for a generated test page.</summary>
    public string? Document { get; init; }

    /// <summary>Sending: pages of the generated test page when <see cref="Document"/> is null (JSON <c>send.pages</c>, 1–20). Default 1.</summary>
    public int TestPages { get; init; } = 1;

    /// <summary>Sending: the number dialled (JSON <c>send.to</c>).</summary>
    public string? To { get; init; }

    /// <summary>Sending: when the machine lifts the handset, in simulated time from the start (JSON <c>send.atSeconds</c>). Default 5 s.</summary>
    public TimeSpan At { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Receiving: the folder received documents are written to (JSON <c>receive.folder</c>); relative paths are
    /// resolved against the work folder given to <see cref="SimulationScenarioBuilder"/>.</summary>
    public string? ReceiveFolder { get; init; }

    /// <summary>Fax machine: station identity, TSI/CSI (JSON <c>ident</c>, up to 20 characters of T.30 Table 3). Default "VIRTUAL FAX".</summary>
    public string Ident { get; init; } = DefaultIdent;

    /// <summary>Fax machine: error correction mode (JSON <c>ecm</c>). Default on.</summary>
    public bool Ecm { get; init; } = true;

    /// <summary>Fax machine: how it dials (JSON <c>dialling</c>: <c>"dtmf"</c> or <c>"pulse"</c>). Default DTMF.</summary>
    public DialMethod DialMethod { get; init; } = DialMethod.Dtmf;
}
