namespace FaxBox.Fax.CallerId;

/// <summary>Generates an on-hook caller-ID transmission, frame by frame.</summary>
public interface ICallerIdGenerator : IDisposable
{
    /// <summary>The standard generated.</summary>
    CallerIdStandard Standard { get; }

    /// <summary>Queues one message for transmission.</summary>
    void Enqueue(CallerIdMessage message);

    /// <summary>True when nothing is left to send.</summary>
    bool IsIdle { get; }

    /// <summary>Fills one 20 ms frame (160 samples); silence when idle.</summary>
    void Generate(Span<short> frame);
}
