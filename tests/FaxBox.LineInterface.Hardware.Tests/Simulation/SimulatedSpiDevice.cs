using System.Device.Spi;

namespace FaxBox.LineInterface.Hardware.Tests.Simulation;

/// <summary>
/// A fake <see cref="SpiDevice"/>: every call is one chip-select frame, recorded byte for byte, and answered by
/// <see cref="Exchange"/> (the chip model). Reads clock out zeros, as a real controller does.
/// </summary>
public abstract class SimulatedSpiDevice : SpiDevice
{
    private readonly List<SpiFrame> _frames = [];

    protected SimulatedSpiDevice(int busId, int chipSelectLine)
        => ConnectionSettings = new SpiConnectionSettings(busId, chipSelectLine) { Mode = SpiMode.Mode3 };

    public override SpiConnectionSettings ConnectionSettings { get; }

    /// <summary>Every frame so far.</summary>
    public IReadOnlyList<SpiFrame> Frames => _frames;

    public bool Disposed { get; private set; }

    public void ClearFrames() => _frames.Clear();

    public override byte ReadByte()
    {
        Span<byte> miso = stackalloc byte[1];
        Frame([0], miso);
        return miso[0];
    }

    public override void Read(Span<byte> buffer) => Frame(new byte[buffer.Length], buffer);

    public override void WriteByte(byte value) => Frame([value], stackalloc byte[1]);

    public override void Write(ReadOnlySpan<byte> buffer) => Frame(buffer, new byte[buffer.Length]);

    public override void TransferFullDuplex(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer) => Frame(writeBuffer, readBuffer);

    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        base.Dispose(disposing);
    }

    /// <summary>The chip's answer to one frame: fill <paramref name="miso"/> from <paramref name="mosi"/>.</summary>
    protected abstract void Exchange(ReadOnlySpan<byte> mosi, Span<byte> miso);

    private void Frame(ReadOnlySpan<byte> mosi, Span<byte> miso)
    {
        ObjectDisposedException.ThrowIf(Disposed, this);
        Exchange(mosi, miso);
        _frames.Add(new SpiFrame(mosi.ToArray(), miso.ToArray()));
    }
}
