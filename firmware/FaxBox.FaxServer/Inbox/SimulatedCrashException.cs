namespace FaxBox.FaxServer.Inbox;

/// <summary>Thrown by a test's <see cref="Inbox.CrashPoint"/> to stop the inbox's worker where a power loss would.</summary>
internal sealed class SimulatedCrashException : Exception
{
    public SimulatedCrashException()
    {
    }

    public SimulatedCrashException(string message)
        : base(message)
    {
    }

    public SimulatedCrashException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
