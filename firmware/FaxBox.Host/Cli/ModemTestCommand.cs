using System.CommandLine;
using System.Text.Json;
using FaxBox.Fax;
using FaxBox.Fax.Managed.Modems;
using FaxBox.Fax.Modems;
using FaxBox.Fax.SpanDsp.Modems;
using FaxBox.Host.Diagnostics;

namespace FaxBox.Host.Cli;

/// <summary><c>faxbox fax modem-test</c>: a bit-error-rate test of one modem through a simulated channel.</summary>
internal static class ModemTestCommand
{
    private static readonly Dictionary<string, ModemType> Modems = new(StringComparer.Ordinal)
    {
        ["v17"] = ModemType.V17, ["v29"] = ModemType.V29, ["v27ter"] = ModemType.V27ter, ["v21"] = ModemType.V21,
    };

    private static readonly Dictionary<string, LoopbackCodec> Codecs = new(StringComparer.Ordinal)
    {
        ["linear"] = LoopbackCodec.Linear, ["alaw"] = LoopbackCodec.ALaw, ["ulaw"] = LoopbackCodec.MuLaw,
    };

    public static Command Create()
    {
        var modem = Choice("--modem", "Modem: v17, v29, v27ter or v21 (channel 2).", "v17", Modems.Keys);
        var rate = new Option<int?>("--rate") { Description = "Bit rate (default: the modem's highest: 14400, 9600, 4800 or 300)." };
        var tx = Choice("--tx", "Transmitter: managed, native, or none (the receiver hears the channel's noise alone).", "native", ["managed", "native", "none"]);
        var rx = Choice("--rx", "Receiver: managed or native.", "native", ["managed", "native"]);
        var snr = new Option<double?>("--snr") { Description = "White noise at this signal-to-noise ratio in dB (0-4 kHz), relative to --level." };
        var noise = new Option<double?>("--noise") { Description = "White noise at this absolute level in dBm0 (instead of --snr)." };
        var level = new Option<double>("--level") { Description = "Transmit level in dBm0.", DefaultValueFactory = _ => -13 };
        var codec = Choice("--codec", "What the channel ends in: linear, alaw or ulaw.", "linear", Codecs.Keys);
        var freq = new Option<double>("--freq-offset") { Description = "Frequency offset of the channel in Hz (-50 to 50).", DefaultValueFactory = _ => 0 };
        var ppm = new Option<double>("--clock-ppm") { Description = "How many ppm the sender's sample clock runs fast (negative: slow).", DefaultValueFactory = _ => 0 };
        var bits = new Option<int>("--bits") { Description = "Pseudo-random data bits to send (O.150 2^23-1 pattern).", DefaultValueFactory = _ => 20000 };
        var seed = new Option<int>("--seed") { Description = "Seed of the data pattern and the noise, to repeat a run exactly.", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON instead of one line." };

        var command = new Command(
            "modem-test",
            "Send pseudo-random data through one fax modem pair and a simulated channel (noise, G.711, frequency and clock offset) and report bit errors, training and the receiver's quality estimate. Exit code 0 when the run trained and had no bit errors (or, with --tx none, saw no false carrier).")
        {
            modem, rate, tx, rx, snr, noise, level, codec, freq, ppm, bits, seed, json,
        };

        command.SetAction(parse =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            try
            {
                var type = Modems[parse.GetValue(modem)!];
                var txName = parse.GetValue(tx)!;
                var options = new ModemTestOptions
                {
                    Modem = type,
                    BitRate = parse.GetValue(rate) ?? ModemRates.For(type)[0],
                    LevelDbm0 = parse.GetValue(level),
                    Bits = parse.GetValue(bits),
                    Seed = parse.GetValue(seed),
                    Transmit = txName != "none",
                    Channel = new ModemChannelOptions
                    {
                        SnrDb = parse.GetValue(snr),
                        NoiseDbm0 = parse.GetValue(noise),
                        Codec = Codecs[parse.GetValue(codec)!],
                        FrequencyOffsetHz = parse.GetValue(freq),
                        ClockPpm = parse.GetValue(ppm),
                    },
                };
                options.Validate();
                var report = ModemTest.Run(options, txName == "none" ? null : Factory(txName), Factory(parse.GetValue(rx)!));
                stdout.WriteLine(parse.GetValue(json) ? JsonSerializer.Serialize(report, FaxLoopback.JsonOptions) : Summary(report));
                var pass = report.FalseCarrier is { } falseCarrier ? !falseCarrier : report.TrainingSucceeded && report.BitErrors == 0;
                return pass ? 0 : 2;
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException or FaxEngineUnavailableException)
            {
                return GlobalOptions.Fail(parse, e.Message);
            }
        });
        return command;
    }

    internal static IModemFactory Factory(string name) => name switch
    {
        "native" => new SpanDspModemFactory(),
        "managed" => new ManagedModemFactory(),
        _ => throw new ArgumentException($"unknown modem implementation '{name}': use native or managed"),
    };

    internal static string Summary(ModemTestReport r) =>
        r.FalseCarrier is { } falseCarrier
            ? $"{(falseCarrier ? "FAIL" : "PASS")} {r.Modem} {r.BitRate} rx={r.Rx} noise alone ({r.NoiseDbm0?.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) ?? "none"} dBm0, {r.Codec}): {r.Signal}, {r.CarrierUps} carrier-ups, {r.BitsDelivered} bits delivered"
            : $"{r.Modem} {r.BitRate} tx={r.Tx} rx={r.Rx} {r.Codec}: {r.BitErrors}/{r.Bits} bit errors (BER {r.Ber:0.######}, {r.Slips} slips), " +
              $"trained={r.TrainingSucceeded}, quality={(r.QualityDb is { } q ? $"{q:0.0} dB" : "n/a")}, {r.Signal}";

    private static Option<string> Choice(string name, string description, string defaultValue, IEnumerable<string> values)
    {
        var option = new Option<string>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.AcceptOnlyFromAmong([.. values]);
        return option;
    }
}
