namespace FaxBox.Core.Status;

/// <summary>Which part of the <see cref="StatusSnapshot"/> a <see cref="StatusChange"/> touched.</summary>
public enum StatusChangeKind
{
    /// <summary>The box itself (started, stopping, configuration applied).</summary>
    Box,

    /// <summary>A line port's state.</summary>
    Port,

    /// <summary>A SIP account's registration.</summary>
    Registration,

    /// <summary>A call started, changed or ended.</summary>
    Call,

    /// <summary>A fax record was added (a fax call ended).</summary>
    Fax,

    /// <summary>A fax in progress moved on (<see cref="StatusChange.Progress"/> says how); the snapshot is unchanged.</summary>
    FaxProgress,

    /// <summary>The fax server's queue figures changed.</summary>
    Queue,
}
