using System.Globalization;

namespace FaxBox.Benchmarks.Concurrency;

/// <summary>The command line of <c>FaxBox.Benchmarks faxserver</c>.</summary>
internal sealed class ConcurrencyBenchOptions
{
    public const string Usage =
        """
        usage: FaxBox.Benchmarks faxserver [--calls N] [--baseline N] [--fast] [--ramp SECONDS] [--standard] [--limit SECONDS] [--snapshot-at SECONDS] [--alloc-profile] [--t38-terminal managed|native] [--work DIR]

        Box A's fax terminal sends N concurrent 1-page T.38 faxes over SIP and UDPTL on 127.0.0.1 to box B's terminal
        number, both gateways in this process on one media clock; first a baseline batch (default 1 fax), then the N.
          --calls N        faxes in the measured batch (default 100)
          --baseline N     faxes in the baseline batch (default 1)
          --fast           tick a virtual clock as fast as it goes instead of the real-time 20 ms media clock
          --ramp SECONDS   start the calls evenly over this time instead of all at once (default 0: all at once)
          --standard       send the test page at standard resolution (204 x 98) instead of fine (204 x 196)
          --limit SECONDS  give up on a batch after this much wall time (default 300)
          --snapshot-at S  virtual clock only: media time of the garbage-collected memory snapshot (mid_call_*, default 50)
          --alloc-profile  print the types the measured batch allocates most (sampled GCAllocationTick events)
          --t38-terminal T managed: FaxBox's own T.30-over-T.38 terminal, as the box runs it (default);
                           native: libspandsp's t38_terminal (the one the box used before, for comparison)
          --work DIR       where the document and the received faxes go (default a temporary folder, removed)
        """;

    /// <summary>Faxes in the measured batch. Default 100.</summary>
    public int Calls { get; private set; } = 100;

    /// <summary>Faxes in the baseline batch. Default 1.</summary>
    public int Baseline { get; private set; } = 1;

    /// <summary>Virtual clock as fast as it goes instead of real time. Default false (real time).</summary>
    public bool Fast { get; private set; }

    /// <summary>Time over which a batch's calls start, evenly; zero starts them all at once. Default zero.</summary>
    public TimeSpan Ramp { get; private set; }

    /// <summary>Standard resolution instead of fine for the page sent. Default false (fine).</summary>
    public bool Standard { get; private set; }

    /// <summary>Wall-time bound per batch. Default 300 s.</summary>
    public TimeSpan Limit { get; private set; } = TimeSpan.FromSeconds(300);

    /// <summary>Virtual clock only: when the garbage-collected memory snapshot is taken, media time. Default 50 s (half-way through the fine test page).</summary>
    public TimeSpan SnapshotAt { get; private set; } = TimeSpan.FromSeconds(50);

    /// <summary>Print the types the measured batch allocates most. Default false.</summary>
    public bool AllocProfile { get; private set; }

    /// <summary>FaxBox's own T.38 terminal (as the box runs) instead of libspandsp's. Default true.</summary>
    public bool ManagedT38Terminal { get; private set; } = true;

    /// <summary>Work folder; null for a temporary one.</summary>
    public string? Work { get; private set; }

    /// <summary>Parses <paramref name="args"/>; null (with <paramref name="error"/>, or none when help was asked) on a bad command line.</summary>
    public static ConcurrencyBenchOptions? Parse(ReadOnlySpan<string> args, out string? error)
    {
        var o = new ConcurrencyBenchOptions();
        error = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--calls" or "--baseline" or "--limit" or "--ramp" or "--snapshot-at":
                    if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
                    {
                        error = $"faxserver: {args[i]} takes a positive integer";
                        return null;
                    }

                    if (args[i] == "--calls")
                    {
                        o.Calls = n;
                    }
                    else if (args[i] == "--ramp")
                    {
                        o.Ramp = TimeSpan.FromSeconds(n);
                    }
                    else if (args[i] == "--snapshot-at")
                    {
                        o.SnapshotAt = TimeSpan.FromSeconds(n);
                    }
                    else if (args[i] == "--baseline")
                    {
                        o.Baseline = n;
                    }
                    else
                    {
                        o.Limit = TimeSpan.FromSeconds(n);
                    }

                    i++;
                    break;
                case "--fast":
                    o.Fast = true;
                    break;
                case "--alloc-profile":
                    o.AllocProfile = true;
                    break;
                case "--standard":
                    o.Standard = true;
                    break;
                case "--t38-terminal":
                    if (i + 1 >= args.Length || args[i + 1] is not ("managed" or "native"))
                    {
                        error = "faxserver: --t38-terminal takes managed or native";
                        return null;
                    }

                    o.ManagedT38Terminal = args[++i] == "managed";
                    break;
                case "--work":
                    if (i + 1 >= args.Length)
                    {
                        error = "faxserver: --work takes a directory";
                        return null;
                    }

                    o.Work = args[++i];
                    break;
                case "-h" or "--help":
                    return null;
                default:
                    error = $"faxserver: unknown option '{args[i]}' (try --help)";
                    return null;
            }
        }

        return o;
    }
}
