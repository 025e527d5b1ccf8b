using FaxBox.Fax;

namespace FaxBox.LineInterface.Tests.Simulated;

/// <summary>Joins an engine audio terminal to a port, as call control's fax bridge would.</summary>
internal sealed class TerminalAudio(IAudioFaxTerminal terminal) : ILineAudio
{
    public void Exchange(ReadOnlySpan<short> fromLine, Span<short> toLine)
    {
        terminal.ReceiveAudio(fromLine);
        terminal.TransmitAudio(toLine);
    }
}
