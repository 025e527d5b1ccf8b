using System.Globalization;
using System.Text.Json;
using FaxBox.Fax;
using static FaxBox.Core.Json.JsonDiagnostics;

namespace FaxBox.LineInterface.Simulated.Scenarios;

/// <summary>
/// Reads and validates a board file's <c>simulation</c> object (shape: <c>board-config/board.schema.json</c>,
/// <c>$defs/simulation</c>) into a <see cref="SimulationScenario"/>. Unknown keys are errors; every error names the
/// key's JSON path and the reason, and parsing goes on after an error so that one run lists everything wrong.
/// The board loader adds the file name.
/// </summary>
public static class SimulationScenarioParser
{
    /// <summary>Keys of the <c>simulation</c> object (kept in step with board.schema.json by a test).</summary>
    public static readonly IReadOnlyList<string> RootKeys = ["line", "exchange", "ports"];

    internal static readonly string[] LineKeys = ["gainDb", "noiseDbm0", "echoReturnLossDb", "echoDelayMs", "clockOffsetPpm", "seed"];

    internal static readonly string[] ExchangeKeys = ["disconnect", "openLoopMs", "reverseOnAnswer", "callerId", "interDigitTimeoutMs", "lines"];

    internal static readonly string[] ExchangeLineKeys = ["number", "terminal", "line"];

    internal static readonly string[] PortKeys = ["port", "terminal", "number", "line"];

    internal static readonly string[] TerminalKeys = ["type", "answerAfterRings", "dials", "ident", "ecm", "dialling", "send", "receive"];

    internal static readonly string[] SendKeys = ["document", "pages", "to", "atSeconds"];

    internal static readonly string[] ReceiveKeys = ["folder"];

    /// <summary>Largest clock offset accepted, ppm: ten times what a cheap crystal is off by.</summary>
    public const double MaxClockOffsetPpm = 1000;

    /// <summary>Parses <paramref name="simulation"/>.</summary>
    /// <param name="simulation">The <c>simulation</c> object.</param>
    /// <param name="path">Its JSON path, used as the prefix of every error key (normally <c>simulation</c>).</param>
    /// <param name="ports">The board's ports: index and type.</param>
    /// <param name="baseDirectory">What relative <c>send.document</c> paths are relative to (the board file's folder).</param>
    /// <param name="errors">Every error found; empty on success.</param>
    /// <returns>The scenario, or null when there are errors.</returns>
    public static SimulationScenario? Parse(JsonElement simulation, string path, IReadOnlyDictionary<int, ScenarioPortType> ports, string baseDirectory, out IReadOnlyList<SimulationScenarioError> errors)
    {
        ArgumentNullException.ThrowIfNull(ports);
        ArgumentNullException.ThrowIfNull(baseDirectory);
        var reader = new Reader(baseDirectory);
        var scenario = reader.ReadRoot(simulation, path, ports);
        errors = reader.Errors;
        return errors.Count == 0 ? scenario : null;
    }

    private sealed class Reader(string baseDirectory)
    {
        private readonly List<SimulationScenarioError> _errors = [];

        public IReadOnlyList<SimulationScenarioError> Errors => _errors;

        public SimulationScenario? ReadRoot(JsonElement element, string path, IReadOnlyDictionary<int, ScenarioPortType> boardPorts)
        {
            if (!IsObject(element, path))
            {
                return null;
            }

            CheckKeys(element, path, [.. RootKeys]);
            var line = element.TryGetProperty("line", out var lineElement) ? ReadLine(lineElement, Join(path, "line")) : new LineModelOptions();
            var exchange = new VirtualExchangeOptions();
            var exchangeLines = new List<ExchangeLineScenario>();
            var numbers = new List<(string Number, string Key)>();
            if (element.TryGetProperty("exchange", out var exchangeElement))
            {
                exchange = ReadExchange(exchangeElement, Join(path, "exchange"), exchangeLines, numbers);
            }

            var ports = new List<SimulatedPortScenario>();
            if (element.TryGetProperty("ports", out var portsElement))
            {
                var portsPath = Join(path, "ports");
                if (portsElement.ValueKind != JsonValueKind.Array)
                {
                    Error(portsPath, $"must be an array, found {Describe(portsElement)}");
                }
                else
                {
                    var seen = new Dictionary<int, int>();
                    var i = 0;
                    foreach (var portElement in portsElement.EnumerateArray())
                    {
                        var itemPath = $"{portsPath}[{i}]";
                        if (ReadPort(portElement, itemPath, boardPorts) is { } port)
                        {
                            if (!seen.TryAdd(port.Port, i))
                            {
                                Error(itemPath + ".port", $"port {port.Port} is already described by {portsPath}[{seen[port.Port]}]");
                            }
                            else
                            {
                                ports.Add(port);
                                if (port.Type == ScenarioPortType.Fxo)
                                {
                                    numbers.Add((port.Number, itemPath + ".number"));
                                }
                            }
                        }

                        i++;
                    }
                }
            }

            // Every FXO port not listed takes the next free default number, as the builder will give it.
            CheckNumbers(numbers);
            return line is null ? null : new SimulationScenario { Line = line, Exchange = exchange, ExchangeLines = exchangeLines, Ports = ports };
        }

        private VirtualExchangeOptions ReadExchange(JsonElement element, string path, List<ExchangeLineScenario> lines, List<(string, string)> numbers)
        {
            var options = new VirtualExchangeOptions();
            if (!IsObject(element, path))
            {
                return options;
            }

            CheckKeys(element, path, ExchangeKeys);
            if (OptionalString(element, "disconnect", path) is { } disconnect)
            {
                options.DisconnectSignal = disconnect switch
                {
                    "loopCurrentDrop" => ExchangeDisconnectSignal.LoopCurrentDrop,
                    "polarityReversal" => ExchangeDisconnectSignal.PolarityReversal,
                    "busyTone" => ExchangeDisconnectSignal.BusyTone,
                    _ => Invalid(Join(path, "disconnect"), $"\"{disconnect}\" is not one of \"loopCurrentDrop\", \"polarityReversal\", \"busyTone\"", options.DisconnectSignal),
                };
            }

            if (OptionalNumber(element, "openLoopMs", path, 100, 5000) is { } open)
            {
                options.OpenLoopDuration = TimeSpan.FromMilliseconds(open);
            }

            options.ReverseOnAnswer = OptionalBool(element, "reverseOnAnswer", path) ?? options.ReverseOnAnswer;
            options.PresentCallerId = OptionalBool(element, "callerId", path) ?? options.PresentCallerId;
            if (OptionalNumber(element, "interDigitTimeoutMs", path, 1000, 30000) is { } interDigit)
            {
                options.InterDigitTimeout = TimeSpan.FromMilliseconds(interDigit);
            }

            if (element.TryGetProperty("lines", out var linesElement))
            {
                var linesPath = Join(path, "lines");
                if (linesElement.ValueKind != JsonValueKind.Array)
                {
                    Error(linesPath, $"must be an array, found {Describe(linesElement)}");
                    return options;
                }

                var i = 0;
                foreach (var lineElement in linesElement.EnumerateArray())
                {
                    var itemPath = $"{linesPath}[{i++}]";
                    if (!IsObject(lineElement, itemPath))
                    {
                        continue;
                    }

                    CheckKeys(lineElement, itemPath, ExchangeLineKeys);
                    var number = DirectoryNumber(lineElement, "number", itemPath, required: true);
                    var model = lineElement.TryGetProperty("line", out var modelElement) ? ReadLine(modelElement, Join(itemPath, "line")) : null;
                    SimulatedTerminalScenario? terminal = null;
                    if (!lineElement.TryGetProperty("terminal", out var terminalElement))
                    {
                        Error(Join(itemPath, "terminal"), "missing: an exchange line needs a terminal (a phone or a fax machine)");
                    }
                    else
                    {
                        terminal = ReadTerminal(terminalElement, Join(itemPath, "terminal"));
                    }

                    if (number is not null)
                    {
                        numbers.Add((number, Join(itemPath, "number")));
                        if (terminal is not null)
                        {
                            lines.Add(new ExchangeLineScenario { Number = number, Terminal = terminal, Line = model });
                        }
                    }
                }
            }

            return options;
        }

        private SimulatedPortScenario? ReadPort(JsonElement element, string path, IReadOnlyDictionary<int, ScenarioPortType> boardPorts)
        {
            if (!IsObject(element, path))
            {
                return null;
            }

            CheckKeys(element, path, PortKeys);
            int? index = null;
            if (!element.TryGetProperty("port", out _))
            {
                Error(Join(path, "port"), "missing: the index of the board port this entry describes");
            }
            else if (OptionalNumber(element, "port", path, 0, 7, whole: true) is { } n)
            {
                index = (int)n;
                if (!boardPorts.ContainsKey(index.Value))
                {
                    Error(Join(path, "port"), $"the board has no port {index} (ports: {string.Join(", ", boardPorts.Keys.Order())})");
                    index = null;
                }
            }

            var model = element.TryGetProperty("line", out var modelElement) ? ReadLine(modelElement, Join(path, "line")) : null;
            var hasTerminal = element.TryGetProperty("terminal", out var terminalElement);
            var terminal = hasTerminal ? ReadTerminal(terminalElement, Join(path, "terminal")) : null;
            var number = element.TryGetProperty("number", out _) ? DirectoryNumber(element, "number", path, required: false) : null;
            if (index is not { } i)
            {
                return null;
            }

            var type = boardPorts[i];
            if (type == ScenarioPortType.Fxo && hasTerminal)
            {
                Error(Join(path, "terminal"), $"port {i} is an FXO port: it sits on an exchange line (give its \"number\"); terminals hang on FXS ports or on \"exchange.lines\"");
            }

            if (type == ScenarioPortType.Fxs && element.TryGetProperty("number", out _))
            {
                Error(Join(path, "number"), $"port {i} is an FXS port: its terminal dials the box, it has no exchange number");
            }

            return new SimulatedPortScenario { Port = i, Type = type, Terminal = terminal, Number = number ?? "100", Line = model };
        }

        private SimulatedTerminalScenario? ReadTerminal(JsonElement element, string path)
        {
            if (!IsObject(element, path))
            {
                return null;
            }

            CheckKeys(element, path, TerminalKeys);
            var typeText = OptionalString(element, "type", path);
            SimulatedTerminalKind? kind = typeText switch
            {
                null => null,
                "phone" => SimulatedTerminalKind.Phone,
                "faxMachine" => SimulatedTerminalKind.FaxMachine,
                _ => Invalid<SimulatedTerminalKind?>(Join(path, "type"), $"\"{typeText}\" is not one of \"phone\", \"faxMachine\"", null),
            };
            if (typeText is null && !element.TryGetProperty("type", out _))
            {
                Error(Join(path, "type"), "missing: \"phone\" or \"faxMachine\"");
            }

            var answer = (int?)OptionalNumber(element, "answerAfterRings", path, 1, 20, whole: true);
            if (kind is not { } k)
            {
                return null;
            }

            if (k == SimulatedTerminalKind.Phone)
            {
                foreach (var key in (string[])["ident", "ecm", "dialling", "send", "receive"])
                {
                    if (element.TryGetProperty(key, out _))
                    {
                        Error(Join(path, key), "only a fax machine has " + key);
                    }
                }

                var dials = OptionalString(element, "dials", path);
                if (dials is not null && !dials.All(c => char.IsAsciiDigit(c) || c is '*' or '#' || (c >= 'A' && c <= 'D')))
                {
                    Error(Join(path, "dials"), $"\"{dials}\" has a character a phone cannot dial (0-9, *, #, A-D)");
                }

                return new SimulatedTerminalScenario { Kind = k, AnswerAfterRings = answer, PhoneDials = dials };
            }

            if (element.TryGetProperty("dials", out _))
            {
                Error(Join(path, "dials"), "only a phone has dials; a fax machine dials send.to");
            }

            var ident = OptionalString(element, "ident", path);
            if (ident is not null && (ident.Length > 20 || !ident.All(c => c is >= ' ' and <= '~')))
            {
                Error(Join(path, "ident"), $"\"{ident}\" must be at most 20 printable ASCII characters (T.30 TSI/CSI)");
            }

            var ecm = OptionalBool(element, "ecm", path);
            var dialling = OptionalString(element, "dialling", path) switch
            {
                null or "dtmf" => DialMethod.Dtmf,
                "pulse" => DialMethod.Pulse,
                var other => Invalid(Join(path, "dialling"), $"\"{other}\" is not one of \"dtmf\", \"pulse\"", DialMethod.Dtmf),
            };
            var hasSend = element.TryGetProperty("send", out var sendElement);
            var hasReceive = element.TryGetProperty("receive", out var receiveElement);
            if (hasSend == hasReceive)
            {
                Error(path, hasSend
                    ? "a fax machine either sends or receives: give \"send\" or \"receive\", not both"
                    : "a fax machine needs \"send\": { \"to\": \"…\" } or \"receive\": { \"folder\": \"…\" }");
                return null;
            }

            var scenario = new SimulatedTerminalScenario
            {
                Kind = k,
                AnswerAfterRings = answer,
                Ident = ident ?? SimulatedTerminalScenario.DefaultIdent,
                Ecm = ecm ?? true,
                DialMethod = dialling,
                Direction = hasSend ? FaxDirection.Send : FaxDirection.Receive,
            };
            return hasSend ? ReadSend(sendElement, Join(path, "send"), scenario) : ReadReceive(receiveElement, Join(path, "receive"), scenario);
        }

        private SimulatedTerminalScenario? ReadSend(JsonElement element, string path, SimulatedTerminalScenario machine)
        {
            if (!IsObject(element, path))
            {
                return null;
            }

            CheckKeys(element, path, SendKeys);
            var document = OptionalString(element, "document", path);
            string? fullPath = null;
            if (document is not null)
            {
                fullPath = Path.GetFullPath(document, baseDirectory);
                if (!File.Exists(fullPath))
                {
                    Error(Join(path, "document"), $"\"{document}\" not found (full path {fullPath}); leave \"document\" out to send a generated test page");
                }
            }

            var pages = (int?)OptionalNumber(element, "pages", path, 1, 20, whole: true);
            if (pages is not null && document is not null)
            {
                Error(Join(path, "pages"), "pages is the length of the generated test page; a given document sends all its pages");
            }

            string? to = null;
            if (!element.TryGetProperty("to", out _))
            {
                Error(Join(path, "to"), "missing: the number the machine dials");
            }
            else if (OptionalString(element, "to", path) is { } number)
            {
                if (number.Length > 32 || !number.All(c => char.IsAsciiDigit(c) || c is '*' or '#'))
                {
                    Error(Join(path, "to"), $"\"{number}\" must be 1 to 32 of 0-9, * and #");
                }
                else
                {
                    to = number;
                }
            }

            var at = OptionalNumber(element, "atSeconds", path, 0, 86400);
            return to is null
                ? null
                : new SimulatedTerminalScenario
                {
                    Kind = machine.Kind,
                    AnswerAfterRings = machine.AnswerAfterRings,
                    Ident = machine.Ident,
                    Ecm = machine.Ecm,
                    DialMethod = machine.DialMethod,
                    Direction = FaxDirection.Send,
                    Document = fullPath,
                    TestPages = pages ?? 1,
                    To = to,
                    At = at is { } s ? TimeSpan.FromSeconds(s) : TimeSpan.FromSeconds(5),
                };
        }

        private SimulatedTerminalScenario? ReadReceive(JsonElement element, string path, SimulatedTerminalScenario machine)
        {
            if (!IsObject(element, path))
            {
                return null;
            }

            CheckKeys(element, path, ReceiveKeys);
            if (!element.TryGetProperty("folder", out _))
            {
                Error(Join(path, "folder"), "missing: the folder received documents are written to");
                return null;
            }

            var folder = OptionalString(element, "folder", path);
            if (folder is null)
            {
                return null;
            }

            if (folder.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
            {
                Error(Join(path, "folder"), $"\"{folder}\" is not a valid path");
                return null;
            }

            return new SimulatedTerminalScenario
            {
                Kind = machine.Kind,
                AnswerAfterRings = machine.AnswerAfterRings,
                Ident = machine.Ident,
                Ecm = machine.Ecm,
                DialMethod = machine.DialMethod,
                Direction = FaxDirection.Receive,
                ReceiveFolder = folder,
            };
        }

        private LineModelOptions? ReadLine(JsonElement element, string path)
        {
            if (!IsObject(element, path))
            {
                return null;
            }

            CheckKeys(element, path, LineKeys);
            var model = new LineModelOptions();
            model.GainDb = OptionalNumber(element, "gainDb", path, -40, 10) ?? model.GainDb;
            model.NoiseDbm0 = OptionalNumber(element, "noiseDbm0", path, -90, -10, nullable: true) ?? model.NoiseDbm0;
            model.EchoReturnLossDb = OptionalNumber(element, "echoReturnLossDb", path, 0, 60, nullable: true) ?? model.EchoReturnLossDb;
            model.EchoDelayMilliseconds = OptionalNumber(element, "echoDelayMs", path, 0, 500) ?? model.EchoDelayMilliseconds;
            model.ClockOffsetPpm = OptionalNumber(element, "clockOffsetPpm", path, -MaxClockOffsetPpm, MaxClockOffsetPpm) ?? model.ClockOffsetPpm;
            model.Seed = (int?)OptionalNumber(element, "seed", path, 1, int.MaxValue, whole: true) ?? model.Seed;
            return model;
        }

        private string? DirectoryNumber(JsonElement element, string key, string path, bool required)
        {
            if (!element.TryGetProperty(key, out _))
            {
                if (required)
                {
                    Error(Join(path, key), "missing: the line's directory number");
                }

                return null;
            }

            var number = OptionalString(element, key, path);
            if (number is not null && (number.Length > 15 || !number.All(char.IsAsciiDigit)))
            {
                Error(Join(path, key), $"\"{number}\" must be 1 to 15 digits (E.164 length)");
                return null;
            }

            return number;
        }

        private void CheckNumbers(List<(string Number, string Key)> numbers)
        {
            for (var i = 0; i < numbers.Count; i++)
            {
                for (var j = 0; j < i; j++)
                {
                    var (a, keyA) = numbers[j];
                    var (b, keyB) = numbers[i];
                    if (a == b)
                    {
                        Error(keyB, $"\"{b}\" is already the number of {keyA}");
                    }
                    else if (a.StartsWith(b, StringComparison.Ordinal) || b.StartsWith(a, StringComparison.Ordinal))
                    {
                        Error(keyB, $"\"{b}\" and \"{a}\" ({keyA}) clash: one is a prefix of the other, so the exchange could never route the longer one");
                    }
                }
            }
        }

        private bool IsObject(JsonElement element, string path)
        {
            if (element.ValueKind == JsonValueKind.Object)
            {
                return true;
            }

            Error(path, $"must be an object, found {Describe(element)}");
            return false;
        }

        private void CheckKeys(JsonElement element, string path, string[] known)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in element.EnumerateObject())
            {
                if (!seen.Add(property.Name))
                {
                    Error(Join(path, property.Name), "appears twice in the same object");
                }

                if (Array.IndexOf(known, property.Name) < 0)
                {
                    var near = known.FirstOrDefault(k => string.Equals(k, property.Name, StringComparison.OrdinalIgnoreCase));
                    Error(Join(path, property.Name), near is null
                        ? $"unknown key (known here: {string.Join(", ", known)})"
                        : $"unknown key; did you mean \"{near}\"?");
                }
            }
        }

        private string? OptionalString(JsonElement element, string key, string path)
        {
            if (!element.TryGetProperty(key, out var value))
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
            {
                Error(Join(path, key), $"must be a non-empty string, found {Describe(value)}");
                return null;
            }

            return value.GetString();
        }

        private double? OptionalNumber(JsonElement element, string key, string path, double min, double max, bool whole = false, bool nullable = false)
        {
            if (!element.TryGetProperty(key, out var value) || (nullable && value.ValueKind == JsonValueKind.Null))
            {
                return null;
            }

            var range = string.Create(CultureInfo.InvariantCulture, $"{min} to {max}");
            if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || (whole && number != Math.Floor(number)))
            {
                Error(Join(path, key), $"must be {(whole ? "a whole number" : "a number")} from {range}{(nullable ? " or null" : "")}, found {Describe(value)}");
                return null;
            }

            if (number < min || number > max)
            {
                Error(Join(path, key), string.Create(CultureInfo.InvariantCulture, $"{number} is out of range ({range})"));
                return null;
            }

            return number;
        }

        private bool? OptionalBool(JsonElement element, string key, string path)
        {
            if (!element.TryGetProperty(key, out var value))
            {
                return null;
            }

            if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                return value.GetBoolean();
            }

            Error(Join(path, key), $"must be true or false, found {Describe(value)}");
            return null;
        }

        private T Invalid<T>(string key, string reason, T fallback)
        {
            Error(key, reason);
            return fallback;
        }

        private void Error(string key, string reason) => _errors.Add(new SimulationScenarioError(key, reason));

    }
}
