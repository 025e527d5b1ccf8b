using FaxBox.Media.G711;

namespace FaxBox.Fax.Managed.Tests.Channel;

/// <summary>The codings a test signal can pass through: linear, or a G.711 encode/decode round trip.</summary>
public enum LineCodec
{
    Linear,
    ALaw,
    MuLaw,
}

/// <summary>Turns a <see cref="LineCodec"/> into the channel's per-sample transform.</summary>
internal static class LineCodecs
{
    public static Func<short, short>? Transform(LineCodec codec) => codec switch
    {
        LineCodec.ALaw => s => G711Codec.Decode(G711Law.ALaw, G711Codec.Encode(G711Law.ALaw, s)),
        LineCodec.MuLaw => s => G711Codec.Decode(G711Law.MuLaw, G711Codec.Encode(G711Law.MuLaw, s)),
        _ => null,
    };
}
