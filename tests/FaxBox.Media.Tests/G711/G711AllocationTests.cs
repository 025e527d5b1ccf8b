using FaxBox.Media.G711;

namespace FaxBox.Media.Tests.G711;

public sealed class G711AllocationTests
{
    [Theory]
    [InlineData(G711Law.ALaw)]
    [InlineData(G711Law.MuLaw)]
    public void Encoding_and_decoding_1000_frames_allocates_nothing(G711Law law)
    {
        var pcm = new short[160];
        for (int i = 0; i < pcm.Length; i++)
        {
            pcm[i] = (short)(i * 397 - 32000);
        }

        var codes = new byte[160];
        var decoded = new short[160];

        // Warm up: type initialisers build the tables (and the JIT may allocate) on first use.
        G711Codec.Encode(law, pcm, codes);
        G711Codec.Decode(law, codes, decoded);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int frame = 0; frame < 1000; frame++)
        {
            G711Codec.Encode(law, pcm, codes);
            G711Codec.Decode(law, codes, decoded);
        }

        long after = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal(before, after);
        Assert.Equal(G711Codec.Decode(law, G711Codec.Encode(law, pcm[5])), decoded[5]);
    }
}
