namespace FaxBox.FaxServer.Inbox;

/// <summary>What <see cref="PartialTiff.Salvage"/> kept of a received TIFF.</summary>
/// <param name="Pages">Complete pages kept (0 when not even the first page was complete).</param>
/// <param name="DroppedIncompletePage">True when a truncated or undecodable trailing page was cut off.</param>
internal readonly record struct TiffSalvageResult(int Pages, bool DroppedIncompletePage);
