namespace FaxBox.FaxServer.Queue;

/// <summary>How the outbox places calls (JSON <c>faxServer.outbox</c>).</summary>
public sealed class JobSchedulerOptions
{
    /// <summary>The key under which jobs without an account are counted in <see cref="AccountLimits"/>.</summary>
    public const string DefaultAccount = "(default)";

    /// <summary>At most this many outgoing fax calls at once, all trunks together. Default 4.</summary>
    public int MaxCalls { get; set; } = 4;

    /// <summary>At most this many outgoing fax calls at once through one SIP account (trunk). Default 2.</summary>
    public int MaxCallsPerAccount { get; set; } = 2;

    /// <summary>
    /// Per-account overrides of <see cref="MaxCallsPerAccount"/>, by account name (<see cref="DefaultAccount"/> for jobs
    /// that name none). Default none.
    /// </summary>
    public Dictionary<string, int> AccountLimits { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Whether at most one call at a time goes to the same destination (a fax machine takes one call; a second would be
    /// busy and waste a retry). Default true.
    /// </summary>
    public bool OneCallPerDestination { get; set; } = true;

    /// <summary>The TSI the terminal sends (at most 20 digits, spaces and '+'). Default empty.</summary>
    public string LocalIdent { get; set; } = string.Empty;

    /// <summary>The caller number (From user part); null for the account's user. Default null.</summary>
    public string? CallerNumber { get; set; }

    /// <summary>How long to wait before trying again when the job database fails (disk full). Default 5 seconds.</summary>
    public TimeSpan StoreErrorDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The limit for one account.</summary>
    public int LimitFor(string? account) =>
        AccountLimits.TryGetValue(account ?? DefaultAccount, out int limit) ? limit : MaxCallsPerAccount;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        if (MaxCalls < 1)
        {
            throw new ArgumentException($"faxServer.outbox.maxCalls: {MaxCalls} must be at least 1");
        }

        if (MaxCallsPerAccount < 1)
        {
            throw new ArgumentException($"faxServer.outbox.maxCallsPerAccount: {MaxCallsPerAccount} must be at least 1");
        }

        foreach (var (account, limit) in AccountLimits)
        {
            if (limit < 1)
            {
                throw new ArgumentException($"faxServer.outbox.accountLimits.{account}: {limit} must be at least 1");
            }
        }

        if (LocalIdent.Length > 20)
        {
            throw new ArgumentException($"faxServer.outbox.localIdent: '{LocalIdent}' is longer than the 20 characters T.30 allows for a TSI");
        }

        if (StoreErrorDelay <= TimeSpan.Zero)
        {
            throw new ArgumentException($"faxServer.outbox.storeErrorDelay: {StoreErrorDelay} must be positive");
        }
    }
}
