namespace FaxBox.LineInterface.Hardware.Alsa;

/// <summary>An ALSA call failed; the message names the device, the step and alsa-lib's own error text.</summary>
public sealed class AlsaException : IOException
{
    public AlsaException()
    {
    }

    public AlsaException(string message)
        : base(message)
    {
    }

    public AlsaException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The negative errno alsa-lib returned (0 when not from a call).</summary>
    public int Error { get; init; }
}
