using FaxBox.Media.G711;

namespace FaxBox.Fax.SpanDsp.Tests.Audio;

/// <summary>Passes test audio through the product's G.711 codec (FaxBox.Media), as an RTP leg would.</summary>
public static class G711
{
    public static void RoundTrip(Span<short> samples, Companding law)
    {
        Span<byte> encoded = stackalloc byte[samples.Length];
        switch (law)
        {
            case Companding.ALaw:
                G711ALaw.Encode(samples, encoded);
                G711ALaw.Decode(encoded, samples);
                break;
            case Companding.MuLaw:
                G711MuLaw.Encode(samples, encoded);
                G711MuLaw.Decode(encoded, samples);
                break;
            default:
                break;
        }
    }
}
