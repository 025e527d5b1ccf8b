using FaxBox.Fax.Modems;

namespace FaxBox.Fax.Managed.Tests.Channel;

/// <summary>Records received bits and status changes.</summary>
internal sealed class RecordingBitSink : IModemBitSink
{
    public List<byte> Bits { get; } = [];

    public List<ModemStatus> Statuses { get; } = [];

    public void PutBit(int bit) => Bits.Add((byte)bit);

    public void OnStatus(ModemStatus status) => Statuses.Add(status);
}
