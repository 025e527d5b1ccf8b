using System.Globalization;
using FaxBox.CallControl.Terminals;

namespace FaxBox.FaxServer.Queue;

/// <summary>
/// One rung of the retry ladder: how an attempt carries the fax (T.38 or G.711), whether it offers ECM (T.30 Annex A)
/// and the highest image rate it offers (T.30 DIS/DCS bits 11–14: 14400 for V.17, 9600 for V.29).
/// </summary>
/// <param name="Transport">T.38 relay or G.711 audio with the box's own modem.</param>
/// <param name="Ecm">Whether ECM is offered.</param>
/// <param name="MaxBitRate">The highest image data rate offered, in bit/s.</param>
public readonly record struct FaxRung(FaxTransport Transport, bool Ecm, int MaxBitRate)
{
    /// <summary>In words, for attempt lists and logs: "T.38+ECM 14400", "G.711 9600".</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{(Transport == FaxTransport.T38 ? "T.38" : "G.711")}{(Ecm ? "+ECM" : string.Empty)} {MaxBitRate}");
}
