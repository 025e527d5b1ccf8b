namespace FaxBox.LineInterface.Hardware.Tests.Simulation;

/// <summary>One chip-select frame on the bus: the bytes the host sent and the bytes the chip returned.</summary>
public sealed record SpiFrame(byte[] Mosi, byte[] Miso)
{
    public override string ToString() => $"[{Convert.ToHexString(Mosi)}]->[{Convert.ToHexString(Miso)}]";
}
