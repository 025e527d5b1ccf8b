using FaxBox.Fax;
using FaxBox.Fax.Tones;

namespace FaxBox.CallControl.Terminals;

/// <summary>
/// Makes the media of the box's own fax terminal calls (sockets from the media port range, terminals from the fax engine).
/// <see cref="Bridging.CallMediaFactory"/> implements it; a media factory without it leaves the terminal unable to call.
/// </summary>
internal interface ITerminalMediaFactory
{
    /// <summary>A terminal call's media with its sockets bound; throws <see cref="System.Net.Sockets.SocketException"/> when no media port is free.</summary>
    TerminalMedia CreateTerminal(EventHandler<FaxProgressEventArgs> progress, Action<FaxTone> tone);

    /// <summary>An audio fax terminal for a line (FXS store-and-forward).</summary>
    IAudioFaxTerminal CreateAudioTerminal(FaxTerminalOptions options);
}
