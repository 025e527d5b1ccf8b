using FaxBox.Fax.Modems;

namespace FaxBox.MicroBenchmarks.Modems;

/// <summary>An endless pseudo-random bit source (O.150 2²³−1), so a transmitter never finishes during a benchmark.</summary>
public sealed class EndlessSource(int seed) : IModemBitSource
{
    private int _register = PrbsBitSource.StartState(seed);

    public int GetBit() => PrbsBitSource.Next(ref _register);
}
