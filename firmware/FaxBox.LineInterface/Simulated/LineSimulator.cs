using FaxBox.Core;
using FaxBox.Fax;
using FaxBox.LineInterface.Ports;
using FaxBox.LineInterface.Regions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FaxBox.LineInterface.Simulated;

/// <summary>
/// The simulator board: FXS ports with a virtual phone (or fax machine) on their loop and FXO ports on a virtual
/// exchange line, ticked in a fixed order (terminals, ports, exchange and loops). Register it with a media clock, or tick
/// it from a test or the CLI faster than real time.
/// </summary>
public sealed class LineSimulator : IMediaParkingHandler, IDisposable
{
    private readonly IFaxEngine _engine;
    private readonly List<IMediaTickHandler> _terminals = [];
    private readonly List<IMediaTickHandler> _ports = [];
    private readonly List<SimulatedLoop> _loops = [];
    private readonly List<IDisposable> _owned = [];
    private long _index;

    /// <summary>Creates an empty simulator; the exchange behind FXO ports has the box on number 100.</summary>
    public LineSimulator(LineRegion region, IFaxEngine engine, LineModelOptions? line = null, VirtualExchangeOptions? exchange = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(engine);
        Region = region;
        _engine = engine;
        Line = line ?? new LineModelOptions();
        Loggers = loggerFactory ?? NullLoggerFactory.Instance;
        Exchange = new VirtualExchange(region, engine, exchange, Loggers);
        _owned.Add(Exchange);
    }

    /// <summary>Where the ports, terminals and exchange log (default nowhere).</summary>
    public ILoggerFactory Loggers { get; }

    /// <summary>The region everything signals in.</summary>
    public LineRegion Region { get; }

    /// <summary>Impairments of every loop.</summary>
    public LineModelOptions Line { get; }

    /// <summary>The exchange behind the FXO ports.</summary>
    public VirtualExchange Exchange { get; }

    /// <summary>Simulated time.</summary>
    public TimeSpan Now => TimeSpan.FromMilliseconds(_index * AudioFrame.Milliseconds);

    /// <summary>Adds an FXS port with a virtual phone on its loop (answers after one ring, dials <paramref name="phoneDials"/> on dial tone).</summary>
    public (FxsPort Port, VirtualPhone Phone) AddFxs(string name, string? phoneDials = "123#", FxsPortOptions? options = null)
    {
        var loop = new SimulatedLoop(name, Line);
        var port = new FxsPort(name, loop.Exchange, Region, _engine, options, Loggers.CreateLogger<FxsPort>());
        var phone = new VirtualPhone($"{name}-phone", loop.Subscriber, Region, _engine) { AutoAnswerAfterRings = 1, DialOnDialTone = phoneDials };
        _terminals.Add(phone);
        _ports.Add(port);
        _loops.Add(loop);
        _owned.Add(port);
        _owned.Add(phone);
        return (port, phone);
    }

    /// <summary>Adds an FXO port on a new exchange line with directory number <paramref name="number"/> (its loop modelled by <paramref name="line"/>, default <see cref="Line"/>).</summary>
    public FxoPort AddFxo(string name, string number = "100", FxoPortOptions? options = null, LineModelOptions? line = null)
    {
        var exchangeLine = Exchange.AddLine(number, line ?? Line);
        var port = new FxoPort(name, exchangeLine.Loop.Subscriber, Region, _engine, options, Loggers.CreateLogger<FxoPort>());
        _ports.Add(port);
        _owned.Add(port);
        return port;
    }

    /// <summary>Adds an FXS port on a new loop (modelled by <paramref name="line"/>) with nothing on it yet: put a terminal on
    /// the loop's <see cref="SimulatedLoop.Subscriber"/> and add it with <see cref="AddTerminal"/>.</summary>
    internal (FxsPort Port, SimulatedLoop Loop) AddFxsLoop(string name, LineModelOptions line, FxsPortOptions? options = null)
    {
        var loop = new SimulatedLoop(name, line);
        var port = new FxsPort(name, loop.Exchange, Region, _engine, options, Loggers.CreateLogger<FxsPort>());
        _ports.Add(port);
        _loops.Add(loop);
        _owned.Add(port);
        return (port, loop);
    }

    /// <summary>Disposes <paramref name="owned"/> with the simulator.</summary>
    internal void Own(IDisposable owned) => _owned.Add(owned);

    /// <summary>Adds a terminal (a virtual fax machine on an exchange line, a probe) ticked before the ports.</summary>
    public void AddTerminal(IMediaTickHandler terminal) => _terminals.Add(terminal);

    /// <summary>Adds a handler ticked after the ports (a self-test, call control in a test).</summary>
    public void AddAfterPorts(IMediaTickHandler handler) => _ports.Add(handler);

    /// <summary>
    /// Media thread: every terminal idle (a terminal that cannot say so never is), every port quiet and the exchange
    /// idle: the simulation changes nothing until call control acts on a port, so the media clock may park. The line
    /// model's noise and clock skew are not run while parked.
    /// </summary>
    public bool CanPark
    {
        get
        {
            foreach (var terminal in _terminals)
            {
                if (terminal is not IMediaParkingHandler { CanPark: true })
                {
                    return false;
                }
            }

            foreach (var port in _ports)
            {
                bool quiet = port switch
                {
                    FxsPort fxs => fxs.IsQuiet,
                    FxoPort fxo => fxo.IsQuiet,
                    IMediaParkingHandler other => other.CanPark,
                    _ => false,
                };
                if (!quiet)
                {
                    return false;
                }
            }

            return Exchange.IsQuiet;
        }
    }

    public void OnTick(in MediaTick tick)
    {
        foreach (var terminal in _terminals)
        {
            terminal.OnTick(tick);
        }

        foreach (var port in _ports)
        {
            port.OnTick(tick);
        }

        Exchange.OnTick(tick);
        foreach (var loop in _loops)
        {
            loop.OnTick(tick);
        }
    }

    /// <summary>Ticks until <paramref name="done"/> or <paramref name="limit"/> of simulated time; returns whether done.</summary>
    public bool RunUntil(Func<bool> done, TimeSpan limit)
    {
        ArgumentNullException.ThrowIfNull(done);
        var end = Now + limit;
        while (!done())
        {
            if (Now >= end)
            {
                return false;
            }

            OnTick(new MediaTick(_index, Now, TimeSpan.Zero));
            _index++;
        }

        return true;
    }

    public void Dispose()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }
    }
}
