namespace FaxBox.LineInterface.Hardware.Ports;

/// <summary>A chip-backed port whose bus traffic runs on a <see cref="ChipServiceLoop"/> rather than the media thread.</summary>
public interface IServiceableChip
{
    /// <summary>Raised when the port posted a change that should be applied now.</summary>
    event EventHandler? ServiceRequested;

    /// <summary>One pass: apply posted changes, service INT, sample status. Never called concurrently with itself.</summary>
    void Service();
}
