using FaxBox.CallControl.Configuration;
using FaxBox.Fax;
using FaxBox.Media.Net;
using Microsoft.Extensions.Logging;

namespace FaxBox.CallControl.Bridging;

/// <summary>The gateway's <see cref="ICallMediaFactory"/>: <see cref="CallMedia"/> on sockets from the configured media port range.</summary>
public sealed class CallMediaFactory : ICallMediaFactory, Terminals.ITerminalMediaFactory
{
    private readonly MediaOptions _media;
    private readonly IFaxEngine _engine;
    private readonly MediaPortAllocator _ports;
    private readonly ILoggerFactory _loggers;

    /// <summary>Call media from the configured port range; <paramref name="tap"/> sees every call socket's datagrams (a packet capture).</summary>
    public CallMediaFactory(MediaOptions media, IFaxEngine engine, ILoggerFactory loggers, Core.Capture.PacketTap? tap = null)
    {
        ArgumentNullException.ThrowIfNull(media);
        _media = media;
        _engine = engine;
        _loggers = loggers;
        _ports = new MediaPortAllocator(new MediaPortRange { MinPort = media.PortMin, MaxPort = media.PortMax }, media.Address) { Tap = tap };
    }

    /// <inheritdoc />
    public ICallMedia Create(string logTag, FaxOptions fax) =>
        new CallMedia(fax, _media, _engine, _ports, logTag, _loggers.CreateLogger<CallMedia>());

    /// <inheritdoc />
    Terminals.TerminalMedia Terminals.ITerminalMediaFactory.CreateTerminal(EventHandler<FaxProgressEventArgs> progress, Action<Fax.Tones.FaxTone> tone) =>
        new(_engine, _ports, _media.Address, progress, tone);

    /// <inheritdoc />
    IAudioFaxTerminal Terminals.ITerminalMediaFactory.CreateAudioTerminal(FaxTerminalOptions options) => _engine.CreateAudioTerminal(options);
}
