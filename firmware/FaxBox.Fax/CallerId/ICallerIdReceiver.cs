namespace FaxBox.Fax.CallerId;

/// <summary>Receives on-hook caller-ID transmissions.</summary>
public interface ICallerIdReceiver : IDisposable
{
    /// <summary>The standard received.</summary>
    CallerIdStandard Standard { get; }

    /// <summary>Raised synchronously from <see cref="Process"/> for each complete, checksum-valid message.</summary>
    event EventHandler<CallerIdMessage>? MessageReceived;

    /// <summary>Feeds one 20 ms frame (160 samples). The frame is not modified.</summary>
    void Process(ReadOnlySpan<short> frame);
}
