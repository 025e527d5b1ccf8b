namespace FaxBox.CallControl.Terminals;

/// <summary>The sink's answer to an offered fax: where the terminal writes the document, and as whom it answers.</summary>
/// <param name="ReceivePath">
/// The file the terminal writes the TIFF into while receiving (a ".part" file in the inbox's incoming folder). Pages the
/// far end confirmed stay in it even when the call drops.
/// </param>
/// <param name="LocalIdent">The CSI the terminal answers with.</param>
public sealed record InboundFaxAcceptance(string ReceivePath, string LocalIdent);
