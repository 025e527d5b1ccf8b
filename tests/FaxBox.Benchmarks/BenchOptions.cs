using System.Globalization;
using FaxBox.Fax;

namespace FaxBox.Benchmarks;

/// <summary>Which objects are wired together; the same three as tools/bench/spandsp_bench.c.</summary>
internal enum Scenario
{
    /// <summary>Audio terminal sender ⇄ audio ⇄ audio terminal receiver.</summary>
    Audio,

    /// <summary>Audio terminal sender ⇄ audio ⇄ T.38 gateway ⇄ IFPs ⇄ T.38 terminal receiver.</summary>
    Gw2Term,

    /// <summary>T.38 terminal sender ⇄ IFPs ⇄ T.38 gateway ⇄ audio ⇄ audio terminal receiver.</summary>
    Term2Gw,
}

/// <summary>Command line of faxbox-bench; option names, values and defaults match spandsp_bench.</summary>
internal sealed class BenchOptions
{
    public const int DefaultFramesLimit = 60000;

    public Scenario Scenario { get; private set; } = Scenario.Audio;

    public string ScenarioName { get; private set; } = "audio";

    public string ModemName { get; private set; } = "v17";

    /// <summary>The one fast modem both T.30 ends offer.</summary>
    public FaxModems Modem { get; private set; } = FaxModems.V17;

    public bool Ecm { get; private set; } = true;

    public string? Tif { get; private set; }

    public string? RxTif { get; private set; }

    public string LawName { get; private set; } = "linear";

    /// <summary>spandsp's G711_ALAW (0) or G711_ULAW (1); -1 for linear.</summary>
    public int Law { get; private set; } = -1;

    public int FramesLimit { get; private set; } = DefaultFramesLimit;

    public bool Warmup { get; private set; } = true;

    public bool Verbose { get; private set; }

    /// <summary>--overhead N: run the wrapper-versus-direct micro-measurement on N objects per kind instead of a call.</summary>
    public int OverheadObjects { get; private set; }

    /// <summary>The gateway gets the forced modem and every slower one: DIS rate codes are cumulative (see spandsp_bench.c).</summary>
    public FaxModems GatewayModems => Modem switch
    {
        FaxModems.V17 => FaxModems.V17 | FaxModems.V29 | FaxModems.V27ter,
        FaxModems.V29 => FaxModems.V29 | FaxModems.V27ter,
        _ => FaxModems.V27ter,
    };

    public const string Usage = """
        usage: FaxBox.Benchmarks --tif FILE [options]
               FaxBox.Benchmarks gateway [options]   (the two-box gateway benchmark: gateway --help)

        Runs one complete fax call through FaxBox's native fax engine (SpanDspFaxEngine over libspandsp 0.0.6) in
        20 ms (160-sample) frames and prints, per role, the thread CPU time of that role's engine calls per frame
        (timer overhead removed). The FaxBox half of tools/bench; spandsp_bench is the raw-library half.

          --scenario audio|gw2term|term2gw   (default audio)
          --modem v17|v29|v27ter             the only modem both T.30 ends offer; the gateway also gets the slower ones
          --ecm 0|1                          T.30 error correction mode; 1 also offers T.6 (default 1)
          --tif FILE                         document to send (required; make it with spandsp_bench --make-tif FILE)
          --rx-tif FILE                      where the receiver writes (default: /tmp/faxbox_bench_rx.PID.tif, removed)
          --law linear|alaw|ulaw             G.711 round trip on every audio leg, untimed (default linear)
          --frames-limit N                   watchdog: fail if the call has not ended after N frames (default 60000)
          --overhead N                       instead of a call: wrapper vs direct libspandsp calls alternating on the
                                             same idle object, N objects x 1500 frames per kind (needs no --tif)
          --no-warmup                        skip the untimed JIT warm-up call before the measured one
          -v                                 engine log (Debug) on stderr
          -h, --help

        Output: one 'role=...' line per role plus one 'call=...' summary line, space-separated key=value, impl=faxbox.
        Exit: 0 call OK on both ends with all pages; 1 call failed or watchdog; 2 usage; 3 setup error.
        """;

    /// <summary>Parses the command line; on a bad one writes the reason to stderr and returns null.</summary>
    public static BenchOptions? Parse(string[] args, out bool help)
    {
        var o = new BenchOptions();
        help = false;
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            string? Next()
            {
                if (i + 1 >= args.Length)
                {
                    Console.Error.WriteLine($"{a} needs a value");
                    return null;
                }

                return args[++i];
            }

            switch (a)
            {
                case "--scenario":
                    {
                        var v = Next();
                        (Scenario? s, string name) = v switch
                        {
                            "audio" => (Scenario.Audio, v),
                            "gw2term" => (Scenario.Gw2Term, v),
                            "term2gw" => ((Scenario?)Scenario.Term2Gw, v),
                            _ => (null, v ?? string.Empty),
                        };
                        if (s is null)
                        {
                            return Bad($"unknown scenario '{name}'");
                        }

                        o.Scenario = s.Value;
                        o.ScenarioName = name;
                        break;
                    }

                case "--modem":
                    {
                        var v = Next();
                        FaxModems? m = v switch
                        {
                            "v17" => FaxModems.V17,
                            "v29" => FaxModems.V29,
                            "v27ter" => FaxModems.V27ter,
                            _ => null,
                        };
                        if (m is null)
                        {
                            return Bad($"unknown modem '{v}'");
                        }

                        o.Modem = m.Value;
                        o.ModemName = v!;
                        break;
                    }

                case "--ecm":
                    {
                        var v = Next();
                        if (v is not ("0" or "1"))
                        {
                            return Bad("--ecm takes 0 or 1");
                        }

                        o.Ecm = v == "1";
                        break;
                    }

                case "--tif":
                    o.Tif = Next();
                    if (o.Tif is null && o.OverheadObjects == 0)
                    {
                        return null;
                    }

                    break;
                case "--rx-tif":
                    o.RxTif = Next();
                    if (o.RxTif is null)
                    {
                        return null;
                    }

                    break;
                case "--law":
                    {
                        var v = Next();
                        int? law = v switch
                        {
                            "linear" => -1,
                            "alaw" => 0,
                            "ulaw" => 1,
                            _ => null,
                        };
                        if (law is null)
                        {
                            return Bad($"unknown law '{v}'");
                        }

                        o.Law = law.Value;
                        o.LawName = v!;
                        break;
                    }

                case "--frames-limit":
                    {
                        var v = Next();
                        if (!int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0)
                        {
                            return Bad("--frames-limit takes a positive integer");
                        }

                        o.FramesLimit = n;
                        break;
                    }

                case "--overhead":
                    {
                        var v = Next();
                        if (!int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0)
                        {
                            return Bad("--overhead takes a positive number of objects");
                        }

                        o.OverheadObjects = n;
                        break;
                    }

                case "--no-warmup":
                    o.Warmup = false;
                    break;
                case "-v":
                    o.Verbose = true;
                    break;
                case "-h" or "--help":
                    help = true;
                    return null;
                default:
                    return Bad($"unknown option '{a}'");
            }
        }

        if (o.Tif is null && o.OverheadObjects == 0)
        {
            return Bad("--tif FILE is required (write the test document with spandsp_bench --make-tif FILE)");
        }

        return o;
    }

    private static BenchOptions? Bad(string message)
    {
        Console.Error.WriteLine(message);
        return null;
    }
}
