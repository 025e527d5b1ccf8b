using FaxBox.Core;
using FaxBox.Fax;
using FaxBox.LineInterface.Ports;
using FaxBox.LineInterface.Regions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FaxBox.LineInterface.Simulated;

/// <summary>
/// A small PSTN exchange for the simulator: subscriber lines with directory numbers, each a <see cref="SimulatedLoop"/>
/// driven by the exchange's own <see cref="FxsPort"/> (so it rings, sends caller ID and plays tones exactly as the
/// region says). It gives dial tone, collects DTMF or pulse digits, rings the called line with the caller's number,
/// plays ringback, busy and congestion, connects the audio, and signals a clear by open loop, polarity reversal or busy
/// tone. Put the box's FXO port on one line's <see cref="SimulatedLoop.Subscriber"/> and virtual terminals on others.
/// Tick it once per media tick.
/// </summary>
public sealed partial class VirtualExchange : IMediaTickHandler, IDisposable
{
    private readonly IFaxEngine _engine;
    private readonly List<ExchangeLine> _lines = [];
    private readonly ILoggerFactory _loggers;

    /// <summary>Creates an exchange with no lines; <paramref name="loggerFactory"/> gets routing events and its line cards' port events (default none).</summary>
    public VirtualExchange(LineRegion region, IFaxEngine engine, VirtualExchangeOptions? options = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(engine);
        Region = region;
        _engine = engine;
        Options = options ?? new VirtualExchangeOptions();
        _loggers = loggerFactory ?? NullLoggerFactory.Instance;
        Logger = _loggers.CreateLogger<VirtualExchange>();
    }

    /// <summary>The region the exchange signals in.</summary>
    public LineRegion Region { get; }

    /// <summary>Behaviour.</summary>
    public VirtualExchangeOptions Options { get; }

    /// <summary>The lines.</summary>
    public IReadOnlyList<ExchangeLine> Lines => _lines;

    internal ILogger Logger { get; }

    internal int LongestNumber { get; private set; }

    /// <summary>Adds a subscriber line with directory number <paramref name="number"/> (digits only, unique, none a prefix of another).</summary>
    public ExchangeLine AddLine(string number, LineModelOptions? model = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(number);
        if (!number.All(char.IsAsciiDigit))
        {
            throw new ArgumentException($"directory number '{number}' must be digits only", nameof(number));
        }

        if (_lines.Any(l => l.Number.StartsWith(number, StringComparison.Ordinal) || number.StartsWith(l.Number, StringComparison.Ordinal)))
        {
            throw new ArgumentException($"directory number '{number}' clashes with an existing number (equal or a prefix)", nameof(number));
        }

        var loop = new SimulatedLoop($"line {number}", model);
        var port = new FxsPort($"exchange-{number}", loop.Exchange, Region, _engine, logger: _loggers.CreateLogger<FxsPort>());
        var line = new ExchangeLine(this, number, loop, port);
        _lines.Add(line);
        LongestNumber = Math.Max(LongestNumber, number.Length);
        return line;
    }

    /// <summary>The line with this number, or null.</summary>
    public ExchangeLine? Find(string number) => _lines.Find(l => l.Number == number);

    /// <summary>Every line idle with its port quiet: no call to switch, ring or supervise.</summary>
    internal bool IsQuiet
    {
        get
        {
            foreach (var line in _lines)
            {
                if (line.State != ExchangeLineState.Idle || !line.Port.IsQuiet)
                {
                    return false;
                }
            }

            return true;
        }
    }

    public void OnTick(in MediaTick tick)
    {
        foreach (var line in _lines)
        {
            line.Port.OnTick(tick);
            line.Tick();
        }

        foreach (var line in _lines)
        {
            line.Loop.OnTick(tick);
        }
    }

    public void Dispose()
    {
        foreach (var line in _lines)
        {
            line.Port.Dispose();
        }
    }
}
