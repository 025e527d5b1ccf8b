using FaxBox.Core;
using FaxBox.LineInterface.Regions;

namespace FaxBox.LineInterface;

/// <summary>
/// What FXS and FXO ports share: a name, the regional signalling they follow, and audio in both directions, one
/// 20 ms frame per media tick. A port is driven by the media clock (<see cref="IMediaTickHandler.OnTick"/>); its events
/// are raised synchronously inside the tick, on the media thread, so handlers must be quick and must not block.
/// Ports are not thread-safe: call their methods from the media thread or between ticks.
/// </summary>
public interface ILinePort : IMediaTickHandler
{
    /// <summary>A short name for logs and status ("fxs0", "fxo1").</summary>
    string Name { get; }

    /// <summary>The regional tone plan, ring cadence and caller-ID standard in force.</summary>
    LineRegion Region { get; }

    /// <summary>Port time: ticks so far × 20 ms.</summary>
    TimeSpan Now { get; }

    /// <summary>The box side of the audio; null leaves the line silent (apart from the port's own signals).</summary>
    ILineAudio? Audio { get; set; }
}
