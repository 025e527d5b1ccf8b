using FaxBox.LineInterface.Ports;

namespace FaxBox.MicroBenchmarks.LineInterface;

/// <summary>A line circuit with nothing behind it: reads a fixed frame of low-level noise, drops what is written.</summary>
public sealed class FakeFxsHardware : IFxsHardware
{
    private readonly short[] _frame = new short[160];

    public FakeFxsHardware()
    {
        var random = new Random(1);
        for (var i = 0; i < _frame.Length; i++)
        {
            _frame[i] = (short)random.Next(-30, 30);
        }
    }

    public FxsLinefeed Linefeed { get; private set; }

    public bool IsLoopClosed { get; set; }

    public void SetLinefeed(FxsLinefeed state) => Linefeed = state;

    public void ReadFrame(Span<short> frame) => _frame.CopyTo(frame);

    public void WriteFrame(ReadOnlySpan<short> frame)
    {
    }
}
