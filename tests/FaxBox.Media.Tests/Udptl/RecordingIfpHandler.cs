using FaxBox.Media.Udptl;

namespace FaxBox.Media.Tests.Udptl;

public sealed class RecordingIfpHandler : IUdptlIfpHandler
{
    public List<(byte[] Ifp, ushort Sequence)> Ifps { get; } = [];

    public void OnIfp(ReadOnlySpan<byte> ifp, ushort sequence) => Ifps.Add((ifp.ToArray(), sequence));
}
