using System.Globalization;

namespace FaxBox.Benchmarks.Gateway;

/// <summary>Command line of <c>FaxBox.Benchmarks gateway</c>.</summary>
internal sealed class GatewayBenchOptions
{
    public const string Usage = """
        usage: FaxBox.Benchmarks gateway [options]

        The gateway performance benchmark (issue 6): the same fax, the generated test page, measured side by side in one
        process, repeated:
          (a) baseline  the raw engine: two audio T.30 terminals directly back to back (no line, no box)
          lines         the simulated line terminals alone: the same 2 virtual fax machines on 2 subscriber loops
                        calling through the simulator's virtual exchange, no FaxBox (their share of (b), subtracted)
          (b) t38       a virtual fax machine on box A's FXS -> A's gateway -> SIP + T.38 over loopback UDPTL -> B's
                        gateway -> a virtual fax machine on B's FXS (two boxes = two ports)
          (c) g711      as (b) with A refusing T.38, so B's re-INVITE gets 488 and both fall back to G.711 (--g711)
        Prints one 'run=' line per call, then medians and 'ratio ... target ... MET/NOT MET' lines.

          --pages N       pages of the generated test document (default 2)
          --repeat N      measured repetitions of each path, run back to back in alternating order (default 3)
          --g711          also measure (c)
          --threads       print each box call's CPU per thread (from /proc, 10 ms ticks) as a '# threads' line
          --jit           print the methods the JIT compiles during each box call as a '# jit' line
          --no-warmup     skip the untimed one-page warm-up of every path (JIT)
          --work DIR      keep the documents and received files in DIR (default: a temporary folder, removed)
          -h, --help

        Exit: 0 every call succeeded pixel-identical (whatever the ratios); 1 a call failed; 2 usage; 3 setup error.
        """;

    public int Pages { get; private set; } = 2;

    public int Repeat { get; private set; } = 3;

    public bool G711 { get; private set; }

    public bool Warmup { get; private set; } = true;

    public bool Threads { get; private set; }

    public bool Jit { get; private set; }

    public string? Work { get; private set; }

    /// <summary>Parses the arguments after <c>gateway</c>; on a bad one writes the reason to stderr and returns null.</summary>
    public static GatewayBenchOptions? Parse(ReadOnlySpan<string> args, out bool help)
    {
        var o = new GatewayBenchOptions();
        help = false;
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            switch (a)
            {
                case "--pages" or "--repeat":
                    {
                        if (i + 1 >= args.Length
                            || !int.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                            || n <= 0 || n > 100)
                        {
                            return Bad($"{a} takes an integer from 1 to 100");
                        }

                        if (a == "--pages")
                        {
                            o.Pages = n;
                        }
                        else
                        {
                            o.Repeat = n;
                        }

                        break;
                    }

                case "--g711":
                    o.G711 = true;
                    break;
                case "--jit":
                    o.Jit = true;
                    break;
                case "--threads":
                    o.Threads = true;
                    break;
                case "--no-warmup":
                    o.Warmup = false;
                    break;
                case "--work":
                    if (i + 1 >= args.Length)
                    {
                        return Bad("--work takes a directory");
                    }

                    o.Work = args[++i];
                    break;
                case "-h" or "--help":
                    help = true;
                    return null;
                default:
                    return Bad($"unknown option '{a}'");
            }
        }

        return o;
    }

    private static GatewayBenchOptions? Bad(string message)
    {
        Console.Error.WriteLine($"gateway: {message}");
        return null;
    }
}
