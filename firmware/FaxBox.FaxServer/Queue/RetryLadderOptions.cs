namespace FaxBox.FaxServer.Queue;

/// <summary>The retry policy of outgoing fax jobs (JSON <c>faxServer.retry</c>).</summary>
public sealed class RetryLadderOptions
{
    /// <summary>
    /// The waits before each retry after busy, no answer or a network error: the n-th retry waits the n-th entry, later
    /// ones the last. Default 1, 2, 5, 10, 15 minutes.
    /// </summary>
    public List<TimeSpan> BackOff { get; set; } =
        [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(15)];

    /// <summary>At most this many retries after busy, no answer or network errors; one more and the job fails. Default 8.</summary>
    public int MaxRetries { get; set; } = 8;

    /// <summary>The wait before the next rung is tried after a fax failure. Default 1 minute.</summary>
    public TimeSpan FaxFailureDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The wait before a job interrupted by a crash or a shutdown is tried again. Default 30 seconds.</summary>
    public TimeSpan InterruptedDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A job whose call was interrupted by the box dying this many times fails (a document that crashes the box must not
    /// crash it forever). Default 3.
    /// </summary>
    public int MaxInterruptions { get; set; } = 3;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        if (BackOff is null || BackOff.Count == 0)
        {
            throw new ArgumentException("faxServer.retry.backOff: at least one wait is needed");
        }

        for (int i = 0; i < BackOff.Count; i++)
        {
            if (BackOff[i] < TimeSpan.Zero)
            {
                throw new ArgumentException($"faxServer.retry.backOff[{i}]: {BackOff[i]} is negative");
            }
        }

        if (MaxRetries < 0)
        {
            throw new ArgumentException($"faxServer.retry.maxRetries: {MaxRetries} is negative");
        }

        if (FaxFailureDelay < TimeSpan.Zero)
        {
            throw new ArgumentException($"faxServer.retry.faxFailureDelay: {FaxFailureDelay} is negative");
        }

        if (InterruptedDelay < TimeSpan.Zero)
        {
            throw new ArgumentException($"faxServer.retry.interruptedDelay: {InterruptedDelay} is negative");
        }

        if (MaxInterruptions < 1)
        {
            throw new ArgumentException($"faxServer.retry.maxInterruptions: {MaxInterruptions} must be at least 1");
        }
    }
}
