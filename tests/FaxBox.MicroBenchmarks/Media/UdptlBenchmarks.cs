using BenchmarkDotNet.Attributes;
using FaxBox.Media.Udptl;

namespace FaxBox.MicroBenchmarks.Media;

/// <summary>
/// UDPTL per-packet cost and allocation (MemoryDiagnoser must show "-": zero bytes). Baseline: copying the IFP once,
/// the least any transport does. Run: dotnet run -c Release --project tests/FaxBox.MicroBenchmarks -- --filter '*Udptl*'
/// </summary>
[MemoryDiagnoser]
public class UdptlBenchmarks
{
    private readonly byte[] _ifp = [0xD0, 0x01, 0xE0, 0x00, 0x23, .. new byte[36]];
    private readonly byte[] _buffer = new byte[UdptlOptions.MaxUdpPayload];
    private readonly byte[] _packet = new byte[UdptlOptions.MaxUdpPayload];
    private UdptlEncoder _redundancy = null!;
    private UdptlEncoder _fec = null!;
    private UdptlEncoder _roundTripEncoder = null!;
    private UdptlDecoder _decoder = null!;
    private int _packetLength;

    [GlobalSetup]
    public void Setup()
    {
        _redundancy = new UdptlEncoder(new UdptlOptions { ImageRedundancy = 3, ControlRedundancy = 3 });
        _fec = new UdptlEncoder(new UdptlOptions { ErrorRecovery = UdptlErrorRecovery.Fec });
        _roundTripEncoder = new UdptlEncoder(new UdptlOptions());
        _decoder = new UdptlDecoder(new UdptlOptions { ReorderTimeout = TimeSpan.Zero }, new NullHandler());
        for (int i = 0; i < 8; i++)
        {
            _redundancy.Encode(_ifp, _packet, out _packetLength);
        }
    }

    [Benchmark(Baseline = true)]
    public int CopyIfp()
    {
        _ifp.CopyTo(_buffer, 0);
        return _buffer[3];
    }

    [Benchmark]
    public int EncodeRedundancy3()
    {
        _redundancy.Encode(_ifp, _buffer, out int n);
        return n;
    }

    [Benchmark]
    public int EncodeFec3x3()
    {
        _fec.Encode(_ifp, _buffer, out int n);
        return n;
    }

    [Benchmark]
    public int DecodePacket()
    {
        UdptlCodec.TryDecode(_packet.AsSpan(0, _packetLength), out UdptlPacket packet, out _);
        int total = packet.Primary.Length;
        foreach (ReadOnlySpan<byte> s in packet.Recovery)
        {
            total += s.Length;
        }

        return total;
    }

    [Benchmark]
    public long EncodeAndReceive()
    {
        _roundTripEncoder.Encode(_ifp, _buffer, out int n);
        _decoder.Receive(_buffer.AsSpan(0, n), TimeSpan.Zero);
        return _decoder.Statistics.IfpsDelivered;
    }

    private sealed class NullHandler : IUdptlIfpHandler
    {
        public void OnIfp(ReadOnlySpan<byte> ifp, ushort sequence)
        {
        }
    }
}
