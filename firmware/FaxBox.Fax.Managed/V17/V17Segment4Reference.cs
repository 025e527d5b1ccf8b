using System.Numerics;
using FaxBox.Fax.Managed.Dsp;

namespace FaxBox.Fax.Managed.V17;

/// <summary>
/// The signal elements of training segment 4 as the transmitter codes them (scrambled binary ones, differentially and
/// trellis coded from the known scrambler contents, previous Y1Y2 and encoder state 0; see <see cref="V17Training"/>),
/// so that the receiver can train its equaliser on segment 4 with known targets at the data rate's full signal space
/// rather than on its own decisions. No allocation after construction.
/// </summary>
internal sealed class V17Segment4Reference
{
    private readonly V17Constellation _constellation;
    private readonly Scrambler _scrambler = Scrambler.V17V29();
    private int _state;
    private int _previousY;

    public V17Segment4Reference(V17Constellation constellation) => _constellation = constellation;

    /// <summary>Starts segment 4 of the long or the short training.</summary>
    public void Reset(bool shortTraining)
    {
        _scrambler.Load(V17Training.Segment4ScramblerSeed(shortTraining));
        _state = 0;
        _previousY = V17Training.Segment4PreviousYFor(shortTraining);
    }

    /// <summary>The next element of segment 4.</summary>
    public Complex Next()
    {
        int n = _constellation.BitsPerSymbol;
        int bits = 0;
        for (int i = 0; i < n; i++)
        {
            bits = (bits << 1) | _scrambler.Scramble(1);
        }

        int y1y2 = V17Constellation.DifferentialEncode(bits >> (n - 2), _previousY);
        _previousY = y1y2;
        int z = V17Constellation.SubsetOf(_state, y1y2);
        _state = V17Constellation.NextState(_state, y1y2);
        return _constellation.Point(z, bits & ((1 << (n - 2)) - 1));
    }
}
