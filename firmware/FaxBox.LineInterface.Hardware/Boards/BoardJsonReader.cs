using System.Text.Json;
using FaxBox.LineInterface.Simulated.Scenarios;
using static FaxBox.Core.Json.JsonDiagnostics;

namespace FaxBox.LineInterface.Hardware.Boards;

/// <summary>
/// Walks one board document, binding what is valid and collecting an error (file, JSON path, reason) for every key
/// that is not. Keeps going after an error so that one run lists everything wrong with the file.
/// </summary>
internal sealed class BoardJsonReader
{
    /// <summary>Keys of the root object (kept in step with board.schema.json by a test).</summary>
    internal static readonly string[] RootKeys = ["$schema", "name", "description", "kind", "ports", "audio", "gpio", "simulation"];

    internal static readonly string[] PortKeys = ["index", "type", "part", "lineSide", "label", "spi", "resetPin", "interruptPin", "pcmChannel"];

    internal static readonly string[] SpiKeys = ["bus", "chipSelect", "clockHz"];

    internal static readonly string[] AudioKeys = ["device", "channels", "bufferPeriods", "startPeriods"];

    internal static readonly string[] GpioKeys = ["chip", "statusLedPin", "statusLedActiveLow", "factoryResetPin", "factoryResetActiveLow", "factoryResetHoldSeconds"];

    /// <summary>Ports per board: the reference HAT has 2; 8 leaves room for bigger boards without accepting nonsense.</summary>
    internal const int MaxPorts = 8;

    /// <summary>Highest GPIO line offset accepted (gpiochips have at most a few hundred lines).</summary>
    internal const int MaxGpioLine = 1023;

    /// <summary>SCLK range accepted: 100 kHz to 16 MHz; each driver also checks its own part's limit.</summary>
    internal const int MinSpiClock = 100_000;

    internal const int MaxSpiClock = 16_000_000;

    private readonly string _file;
    private readonly List<BoardConfigurationError> _errors = [];

    public BoardJsonReader(string file) => _file = file;

    public IReadOnlyList<BoardConfigurationError> Errors => _errors;

    public BoardProfile? Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            Error("$", $"a board file is a JSON object, found {Describe(root)}");
            return null;
        }

        CheckKeys(root, "", RootKeys);
        var name = RequiredString(root, "name", "");
        var description = OptionalString(root, "description", "");
        var kind = RequiredEnum(root, "kind", "", new Dictionary<string, BoardKind>
        {
            ["simulator"] = BoardKind.Simulator,
            ["hardware"] = BoardKind.Hardware,
        });

        var audio = root.TryGetProperty("audio", out var audioElement) ? ReadAudio(audioElement, "audio") : null;
        var gpio = root.TryGetProperty("gpio", out var gpioElement) ? ReadGpio(gpioElement, "gpio") : null;
        JsonElement? simulation = null;
        if (root.TryGetProperty("simulation", out var simulationElement))
        {
            if (simulationElement.ValueKind != JsonValueKind.Object)
            {
                Error("simulation", $"must be an object, found {Describe(simulationElement)}");
            }
            else
            {
                simulation = simulationElement.Clone();
            }
        }

        var ports = new List<BoardPortProfile>();
        if (!root.TryGetProperty("ports", out var portsElement))
        {
            Error("ports", "missing: a board needs at least one port");
        }
        else if (portsElement.ValueKind != JsonValueKind.Array)
        {
            Error("ports", $"must be an array of ports, found {Describe(portsElement)}");
        }
        else if (portsElement.GetArrayLength() is 0 or > MaxPorts)
        {
            Error("ports", $"has {portsElement.GetArrayLength()} entries; a board has 1 to {MaxPorts} ports");
        }
        else
        {
            var i = 0;
            foreach (var portElement in portsElement.EnumerateArray())
            {
                if (ReadPort(portElement, $"ports[{i}]") is { } port)
                {
                    ports.Add(port);
                }

                i++;
            }
        }

        if (kind is { } k)
        {
            CheckBoard(k, ports, audio, gpio, audioElement.ValueKind != JsonValueKind.Undefined);
        }

        SimulationScenario? scenario = null;
        if (kind == BoardKind.Hardware && simulation is not null)
        {
            Error("simulation", "only simulator boards have simulated lines; remove it or set \"kind\": \"simulator\"");
        }
        else if (kind == BoardKind.Simulator)
        {
            scenario = ReadScenario(simulation, ports);
        }

        if (_errors.Count > 0 || name is null || kind is null)
        {
            return null;
        }

        return new BoardProfile
        {
            Name = name,
            Description = description,
            Kind = kind.Value,
            Ports = [.. ports.OrderBy(p => p.Index)],
            Audio = audio,
            Gpio = gpio,
            Simulation = simulation,
            Scenario = scenario,
            Source = _file,
        };
    }

    /// <summary>Parses <c>simulation</c> against the board's ports (the simulator owns its shape); absent means the defaults.</summary>
    private SimulationScenario? ReadScenario(JsonElement? simulation, List<BoardPortProfile> ports)
    {
        if (simulation is not { } element)
        {
            return new SimulationScenario();
        }

        var boardPorts = new Dictionary<int, ScenarioPortType>();
        foreach (var port in ports)
        {
            boardPorts.TryAdd(port.Index, port.Type == BoardPortType.Fxs ? ScenarioPortType.Fxs : ScenarioPortType.Fxo);
        }

        var baseDirectory = _file.StartsWith("embedded:", StringComparison.Ordinal)
            ? Environment.CurrentDirectory
            : Path.GetDirectoryName(Path.GetFullPath(_file)) ?? Environment.CurrentDirectory;
        var scenario = SimulationScenarioParser.Parse(element, "simulation", boardPorts, baseDirectory, out var errors);
        foreach (var error in errors)
        {
            Error(error.Key, error.Reason);
        }

        return scenario;
    }

    private BoardPortProfile? ReadPort(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            Error(path, $"a port is an object, found {Describe(element)}");
            return null;
        }

        CheckKeys(element, path, PortKeys);
        var index = RequiredInt(element, "index", path, 0, MaxPorts - 1);
        var type = RequiredEnum(element, "type", path, new Dictionary<string, BoardPortType>
        {
            ["fxs"] = BoardPortType.Fxs,
            ["fxo"] = BoardPortType.Fxo,
        });
        var part = RequiredEnum(element, "part", path, new Dictionary<string, BoardPart>
        {
            ["simulated"] = BoardPart.Simulated,
            ["Si3215"] = BoardPart.Si3215,
            ["Si3210"] = BoardPart.Si3210,
            ["Si3050"] = BoardPart.Si3050,
        });
        var lineSide = OptionalString(element, "lineSide", path);
        var label = OptionalString(element, "label", path);
        var spi = element.TryGetProperty("spi", out var spiElement) ? ReadSpi(spiElement, Join(path, "spi")) : null;
        var resetPin = OptionalInt(element, "resetPin", path, 0, MaxGpioLine);
        var interruptPin = OptionalInt(element, "interruptPin", path, 0, MaxGpioLine);
        var pcmChannel = OptionalInt(element, "pcmChannel", path, 0, 31);

        if (type is { } t && part is { } p)
        {
            var fits = p switch
            {
                BoardPart.Simulated => true,
                BoardPart.Si3215 or BoardPart.Si3210 => t == BoardPortType.Fxs,
                BoardPart.Si3050 => t == BoardPortType.Fxo,
                _ => false,
            };
            if (!fits)
            {
                Error(Join(path, "part"), $"{p} cannot drive an {t.ToString().ToUpperInvariant()} port (Si3215/Si3210 are FXS, Si3050 is FXO)");
            }

            if (p == BoardPart.Si3050)
            {
                if (lineSide is not null and not "Si3019")
                {
                    Error(Join(path, "lineSide"), $"\"{lineSide}\" is not supported; the Si3050 driver supports the \"Si3019\" line side");
                }

                lineSide ??= "Si3019";
            }
            else if (lineSide is not null)
            {
                Error(Join(path, "lineSide"), $"only an Si3050 port has a line-side part, this port's part is {p}");
            }
        }

        if (index is null || type is null || part is null)
        {
            return null;
        }

        return new BoardPortProfile
        {
            Index = index.Value,
            Type = type.Value,
            Part = part.Value,
            LineSidePart = lineSide,
            Label = label ?? $"{type.Value.ToString().ToLowerInvariant()}{index.Value}",
            Spi = spi,
            ResetPin = resetPin,
            InterruptPin = interruptPin,
            PcmChannel = pcmChannel,
        };
    }

    private BoardSpiConnection? ReadSpi(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            Error(path, $"must be an object like {{ \"bus\": 0, \"chipSelect\": 0 }}, found {Describe(element)}");
            return null;
        }

        CheckKeys(element, path, SpiKeys);
        var bus = RequiredInt(element, "bus", path, 0, 31);
        var cs = RequiredInt(element, "chipSelect", path, 0, 31);
        var clock = OptionalInt(element, "clockHz", path, MinSpiClock, MaxSpiClock);
        return bus is null || cs is null
            ? null
            : new BoardSpiConnection { BusId = bus.Value, ChipSelectLine = cs.Value, ClockFrequency = clock ?? BoardSpiConnection.DefaultClockFrequency };
    }

    private BoardAudioSettings? ReadAudio(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            Error(path, $"must be an object, found {Describe(element)}");
            return null;
        }

        CheckKeys(element, path, AudioKeys);
        var device = RequiredString(element, "device", path);
        var channels = OptionalInt(element, "channels", path, 1, 32);
        var bufferPeriods = OptionalInt(element, "bufferPeriods", path, 2, 50);
        var startPeriods = OptionalInt(element, "startPeriods", path, 1, 49);
        var defaults = new BoardAudioSettings { Device = "" };
        if (startPeriods is { } s && s >= (bufferPeriods ?? defaults.BufferPeriods))
        {
            Error(Join(path, "startPeriods"), $"{s} must be less than bufferPeriods ({bufferPeriods ?? defaults.BufferPeriods}), or playback could never start without overflowing");
        }

        return device is null
            ? null
            : new BoardAudioSettings
            {
                Device = device,
                Channels = channels ?? defaults.Channels,
                BufferPeriods = bufferPeriods ?? defaults.BufferPeriods,
                StartPeriods = startPeriods ?? defaults.StartPeriods,
            };
    }

    private BoardGpioSettings? ReadGpio(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            Error(path, $"must be an object, found {Describe(element)}");
            return null;
        }

        CheckKeys(element, path, GpioKeys);
        var defaults = new BoardGpioSettings();
        var hold = OptionalInt(element, "factoryResetHoldSeconds", path, 1, 120);
        return new BoardGpioSettings
        {
            Chip = OptionalInt(element, "chip", path, 0, 63) ?? defaults.Chip,
            StatusLedPin = OptionalInt(element, "statusLedPin", path, 0, MaxGpioLine),
            StatusLedActiveLow = OptionalBool(element, "statusLedActiveLow", path) ?? defaults.StatusLedActiveLow,
            FactoryResetPin = OptionalInt(element, "factoryResetPin", path, 0, MaxGpioLine),
            FactoryResetActiveLow = OptionalBool(element, "factoryResetActiveLow", path) ?? defaults.FactoryResetActiveLow,
            FactoryResetHold = hold is { } h ? TimeSpan.FromSeconds(h) : defaults.FactoryResetHold,
        };
    }

    /// <summary>Rules that span keys: uniqueness, what a hardware board must say, what a simulator board must not.</summary>
    private void CheckBoard(BoardKind kind, List<BoardPortProfile> ports, BoardAudioSettings? audio, BoardGpioSettings? gpio, bool audioPresent)
    {
        var seenIndex = new Dictionary<int, int>();
        for (var i = 0; i < ports.Count; i++)
        {
            if (!seenIndex.TryAdd(ports[i].Index, i))
            {
                Error($"ports[{i}].index", $"{ports[i].Index} is already used by ports[{seenIndex[ports[i].Index]}]");
            }
        }

        if (kind == BoardKind.Simulator)
        {
            if (audioPresent)
            {
                Error("audio", "only hardware boards have a PCM link; remove it or set \"kind\": \"hardware\"");
            }

            for (var i = 0; i < ports.Count; i++)
            {
                var port = ports[i];
                if (port.Part != BoardPart.Simulated)
                {
                    Error($"ports[{i}].part", $"a simulator board's ports are \"simulated\", found \"{port.Part}\"");
                }

                foreach (var (key, present) in new[] { ("spi", port.Spi is not null), ("resetPin", port.ResetPin is not null), ("interruptPin", port.InterruptPin is not null), ("pcmChannel", port.PcmChannel is not null) })
                {
                    if (present)
                    {
                        Error($"ports[{i}].{key}", "only hardware ports are wired; a simulated port has no " + key);
                    }
                }
            }

            return;
        }

        if (!audioPresent)
        {
            Error("audio", "missing: a hardware board needs its PCM link, e.g. { \"device\": \"hw:CARD=faxhat,DEV=0\" }");
        }

        var spiUsers = new Dictionary<(int, int), int>();
        var pcmUsers = new Dictionary<int, int>();
        var pinRoles = new Dictionary<int, string>();
        if (gpio?.StatusLedPin is { } led)
        {
            pinRoles[led] = "gpio.statusLedPin";
        }

        if (gpio?.FactoryResetPin is { } button)
        {
            ClaimPin(pinRoles, button, "gpio.factoryResetPin", shareable: false);
        }

        for (var i = 0; i < ports.Count; i++)
        {
            var port = ports[i];
            var path = $"ports[{i}]";
            if (port.Part == BoardPart.Simulated)
            {
                Error(path + ".part", "a hardware board's port needs a chip part number (Si3215, Si3210 or Si3050), found \"simulated\"");
                continue;
            }

            if (port.Spi is null)
            {
                RequireMissing(port, path, "spi", "{ \"bus\": 0, \"chipSelect\": 0 }");
            }
            else if (!spiUsers.TryAdd((port.Spi.BusId, port.Spi.ChipSelectLine), i))
            {
                Error(path + ".spi", $"{port.Spi} is already used by ports[{spiUsers[(port.Spi.BusId, port.Spi.ChipSelectLine)]}]");
            }

            if (port.ResetPin is null)
            {
                RequireMissing(port, path, "resetPin", "the GPIO line wired to the chip's RESET");
            }
            else
            {
                // One reset line may serve several chips (a shared board reset), so only a clash with another role is an error.
                ClaimPin(pinRoles, port.ResetPin.Value, path + ".resetPin", shareable: true);
            }

            if (port.InterruptPin is null)
            {
                RequireMissing(port, path, "interruptPin", "the GPIO line wired to the chip's INT");
            }
            else
            {
                // INT is open-drain: several chips may share one line (the driver then reads every chip's status).
                ClaimPin(pinRoles, port.InterruptPin.Value, path + ".interruptPin", shareable: true);
            }

            if (port.PcmChannel is null)
            {
                RequireMissing(port, path, "pcmChannel", "the channel (PCM timeslot) of the ALSA stream");
            }
            else
            {
                if (!pcmUsers.TryAdd(port.PcmChannel.Value, i))
                {
                    Error(path + ".pcmChannel", $"{port.PcmChannel} is already used by ports[{pcmUsers[port.PcmChannel.Value]}]");
                }

                if (audio is not null && port.PcmChannel >= audio.Channels)
                {
                    Error(path + ".pcmChannel", $"{port.PcmChannel} is outside the link's {audio.Channels} channel(s) (audio.channels)");
                }
            }
        }
    }

    private void RequireMissing(BoardPortProfile port, string path, string key, string hint)
    {
        // A key that is present but invalid has been reported already; "missing" would be a second, wrong error.
        var full = $"{path}.{key}";
        if (!_errors.Exists(e => e.Key == full || e.Key.StartsWith(full + ".", StringComparison.Ordinal)))
        {
            Error(full, $"missing: {port.Part} on a hardware board needs {key} ({hint})");
        }
    }

    private void ClaimPin(Dictionary<int, string> roles, int pin, string key, bool shareable)
    {
        if (!roles.TryGetValue(pin, out var owner))
        {
            roles[pin] = key;
            return;
        }

        var sameRole = shareable && RoleOf(owner) == RoleOf(key);
        if (!sameRole)
        {
            Error(key, $"GPIO {pin} is already used as {owner}");
        }

        static string RoleOf(string k) => k[(k.LastIndexOf('.') + 1)..];
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

            if (Array.IndexOf(known, property.Name) >= 0)
            {
                continue;
            }

            var suggestion = Closest(property.Name, known);
            Error(Join(path, property.Name), suggestion is null
                ? $"unknown key (known here: {string.Join(", ", known)})"
                : $"unknown key; did you mean \"{suggestion}\"?");
        }
    }

    private string? RequiredString(JsonElement element, string key, string path)
    {
        if (!element.TryGetProperty(key, out var value))
        {
            Error(Join(path, key), "missing");
            return null;
        }

        return StringValue(value, Join(path, key));
    }

    private string? OptionalString(JsonElement element, string key, string path)
        => element.TryGetProperty(key, out var value) ? StringValue(value, Join(path, key)) : null;

    private string? StringValue(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            Error(path, $"must be a string, found {Describe(value)}");
            return null;
        }

        var text = value.GetString()!;
        if (string.IsNullOrWhiteSpace(text))
        {
            Error(path, "must not be empty");
            return null;
        }

        return text;
    }

    private T? RequiredEnum<T>(JsonElement element, string key, string path, Dictionary<string, T> values)
        where T : struct, Enum
    {
        var text = RequiredString(element, key, path);
        if (text is null)
        {
            return null;
        }

        if (values.TryGetValue(text, out var value))
        {
            return value;
        }

        var allowed = string.Join(", ", values.Keys.Select(k => $"\"{k}\""));
        var caseMatch = values.Keys.FirstOrDefault(k => string.Equals(k, text, StringComparison.OrdinalIgnoreCase));
        Error(Join(path, key), caseMatch is null
            ? $"\"{text}\" is not one of {allowed}"
            : $"\"{text}\" is not one of {allowed} (values are case-sensitive: \"{caseMatch}\")");
        return null;
    }

    private int? RequiredInt(JsonElement element, string key, string path, int min, int max)
    {
        if (!element.TryGetProperty(key, out _))
        {
            Error(Join(path, key), "missing");
            return null;
        }

        return OptionalInt(element, key, path, min, max);
    }

    private int? OptionalInt(JsonElement element, string key, string path, int min, int max)
    {
        if (!element.TryGetProperty(key, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
        {
            Error(Join(path, key), $"must be a whole number from {min} to {max}, found {Describe(value)}");
            return null;
        }

        if (number < min || number > max)
        {
            Error(Join(path, key), $"{number} is out of range ({min} to {max})");
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

    private void Error(string key, string reason) => _errors.Add(new BoardConfigurationError(_file, key, reason));
}
