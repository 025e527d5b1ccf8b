namespace FaxBox.LineInterface.Hardware.Tests.Simulation;

/// <summary>A chip select with nothing on it: MISO floats high (pull-up), every byte reads 0xFF.</summary>
public sealed class AbsentSpiDevice(int busId = 0, int chipSelectLine = 0, byte floatingValue = 0xFF) : SimulatedSpiDevice(busId, chipSelectLine)
{
    protected override void Exchange(ReadOnlySpan<byte> mosi, Span<byte> miso) => miso.Fill(floatingValue);
}
