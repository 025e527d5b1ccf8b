namespace FaxBox.Fax;

/// <summary>Settings for one fax terminal (one call). Defaults are what a G3 fax machine offers.</summary>
public sealed class FaxTerminalOptions
{
    /// <summary>Send or receive. Required.</summary>
    public required FaxDirection Direction { get; init; }

    /// <summary>
    /// True for the calling terminal (it sends CNG and waits for DIS), false for the answering one (CED then DIS).
    /// Default: the sender calls.
    /// </summary>
    public bool? CallingParty { get; init; }

    /// <summary>For <see cref="FaxDirection.Send"/>: the TIFF to send (a path; at most 255 bytes for the native engine).</summary>
    public string? SendFile { get; init; }

    /// <summary>For <see cref="FaxDirection.Receive"/>: where the received TIFF is written. The engine writes it in place.</summary>
    public string? ReceiveFile { get; init; }

    /// <summary>The local station identity (TSI/CSI), at most 20 characters of digits, space and '+'. Default empty.</summary>
    public string LocalIdent { get; init; } = string.Empty;

    /// <summary>
    /// For a sending terminal: the sub-address sent in a T.30 SUB frame (T.30 §5.3.6.2.4) when the receiver's DIS offers
    /// sub-addressing, at most 20 digits. Default none.
    /// </summary>
    public string? SubAddress { get; init; }

    /// <summary>Error correction mode (T.30 Annex A) offered. Default on.</summary>
    public bool Ecm { get; init; } = true;

    /// <summary>Modems offered. Default V.27ter, V.29 and V.17.</summary>
    public FaxModems Modems { get; init; } = FaxModems.All;

    /// <summary>T.38 settings, for T.38 terminals only.</summary>
    public T38Options T38 { get; init; } = new();

    /// <summary>
    /// A call that has not finished after this much simulated time is ended with <see cref="FaxCompletion.Watchdog"/>.
    /// Counted in frames fed, not wall time. Default 20 minutes (a long multi-page fax at 4800 bit/s).
    /// </summary>
    public TimeSpan Watchdog { get; init; } = TimeSpan.FromMinutes(20);

    /// <summary>A tag for log lines of this call, such as the call id. Default "fax".</summary>
    public string LogTag { get; init; } = "fax";

    /// <summary>Whether this terminal acts as the calling party: <see cref="CallingParty"/>, or the sender when unset.</summary>
    public bool IsCallingParty => CallingParty ?? Direction == FaxDirection.Send;

    /// <summary>Checks the options and throws <see cref="ArgumentException"/> naming the wrong setting.</summary>
    public void Validate()
    {
        if (Direction == FaxDirection.Send && string.IsNullOrEmpty(SendFile))
        {
            throw new ArgumentException("a sending fax terminal needs SendFile", nameof(SendFile));
        }

        if (Direction == FaxDirection.Receive && string.IsNullOrEmpty(ReceiveFile))
        {
            throw new ArgumentException("a receiving fax terminal needs ReceiveFile", nameof(ReceiveFile));
        }

        if (LocalIdent.Length > 20)
        {
            throw new ArgumentException($"LocalIdent is {LocalIdent.Length} characters; T.30 allows at most 20", nameof(LocalIdent));
        }

        if (SubAddress is { Length: > 20 })
        {
            throw new ArgumentException($"SubAddress is {SubAddress.Length} characters; T.30 allows at most 20", nameof(SubAddress));
        }

        if ((Modems & FaxModems.All) == FaxModems.None)
        {
            throw new ArgumentException("Modems must include at least one of V27ter, V29, V17", nameof(Modems));
        }

        if (Watchdog <= TimeSpan.Zero)
        {
            throw new ArgumentException("Watchdog must be positive", nameof(Watchdog));
        }
    }
}
