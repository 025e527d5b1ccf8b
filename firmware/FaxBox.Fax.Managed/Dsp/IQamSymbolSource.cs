using System.Numerics;

namespace FaxBox.Fax.Managed.Dsp;

/// <summary>A QAM transmitter's symbol sequence (training, data, turn-off), as <see cref="QamModulator.Render"/> takes it.</summary>
internal interface IQamSymbolSource
{
    /// <summary>True once the last symbol has left; the modulator then writes silence.</summary>
    bool Finished { get; }

    /// <summary>The next line symbol; may move the source to <see cref="Finished"/>.</summary>
    Complex NextSymbol();
}
