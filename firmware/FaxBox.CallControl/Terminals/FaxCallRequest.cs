namespace FaxBox.CallControl.Terminals;

/// <summary>One attempt to send a document from the box's own fax terminal over SIP.</summary>
/// <param name="Destination">A number (dialled through <paramref name="Account"/>'s target) or a full SIP URI.</param>
/// <param name="TiffPath">The TIFF-F to send (already normalised).</param>
/// <param name="Transport">T.38 or G.711 for this attempt (the retry ladder picks it).</param>
/// <param name="Ecm">Whether ECM (T.30 Annex A) is offered.</param>
/// <param name="MaxBitRate">The highest image rate offered: 14400 (V.17), 9600 (V.29) or 4800 (V.27ter).</param>
/// <param name="Account">The SIP account (trunk) to call through; null for the first one.</param>
/// <param name="LocalIdent">The TSI sent to the far machine (at most 20 characters of digits, space and '+').</param>
/// <param name="CallerNumber">The caller number (From user part); null for the account's user.</param>
/// <param name="Tag">A tag for log lines and the record ("job 42 attempt 3").</param>
public sealed record FaxCallRequest(
    string Destination,
    string TiffPath,
    FaxTransport Transport,
    bool Ecm,
    int MaxBitRate,
    string? Account,
    string LocalIdent,
    string? CallerNumber,
    string Tag)
{
    /// <summary>
    /// The sub-address sent in a T.30 SUB frame (T.30 §5.3.6.2.4) so the far terminal can route by it, at most 20 digits;
    /// null sends none. Default null.
    /// </summary>
    public string? SubAddress { get; init; }
}
