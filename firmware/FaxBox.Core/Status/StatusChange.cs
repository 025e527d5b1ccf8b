namespace FaxBox.Core.Status;

/// <summary>One change of the status model: the new snapshot and what changed in it.</summary>
/// <param name="Snapshot">The whole model after the change.</param>
/// <param name="Kind">Which part changed.</param>
/// <param name="Key">The port name, account, call id or fax record id that changed.</param>
/// <param name="Progress">For <see cref="StatusChangeKind.FaxProgress"/>: the step; null otherwise.</param>
public sealed record StatusChange(StatusSnapshot Snapshot, StatusChangeKind Kind, string Key, FaxProgress? Progress = null);
