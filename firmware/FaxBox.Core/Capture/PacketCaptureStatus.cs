namespace FaxBox.Core.Capture;

/// <summary>Where a <see cref="PacketTap"/>'s capture is.</summary>
/// <param name="Capturing">A capture is running.</param>
/// <param name="Started">When the current or last capture started, or null before the first.</param>
/// <param name="Packets">Packets written by the current or last capture.</param>
/// <param name="Bytes">Bytes of the file so far.</param>
/// <param name="Dropped">Packets not written: the writer fell behind, or a limit was reached.</param>
/// <param name="StopReason">Why the last capture stopped, or null while one runs or before the first.</param>
public sealed record PacketCaptureStatus(bool Capturing, DateTimeOffset? Started, long Packets, long Bytes, long Dropped, string? StopReason);
