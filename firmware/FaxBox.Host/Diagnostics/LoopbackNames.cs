using FaxBox.Fax;

namespace FaxBox.Host.Diagnostics;

/// <summary>The command-line spellings of loopback settings, both ways.</summary>
internal static class LoopbackNames
{
    public static readonly IReadOnlyDictionary<string, LoopbackPath> Paths = new Dictionary<string, LoopbackPath>(StringComparer.OrdinalIgnoreCase)
    {
        ["audio"] = LoopbackPath.Audio,
        ["gateway-to-terminal"] = LoopbackPath.GatewayToTerminal,
        ["terminal-to-gateway"] = LoopbackPath.TerminalToGateway,
        ["gateway-to-gateway"] = LoopbackPath.GatewayToGateway,
    };

    public static readonly IReadOnlyDictionary<string, FaxModems> Modems = new Dictionary<string, FaxModems>(StringComparer.OrdinalIgnoreCase)
    {
        ["v17"] = FaxModems.V17,
        ["v29"] = FaxModems.V29,
        ["v27ter"] = FaxModems.V27ter,
    };

    public static readonly IReadOnlyDictionary<string, LoopbackCodec> Codecs = new Dictionary<string, LoopbackCodec>(StringComparer.OrdinalIgnoreCase)
    {
        ["linear"] = LoopbackCodec.Linear,
        ["alaw"] = LoopbackCodec.ALaw,
        ["ulaw"] = LoopbackCodec.MuLaw,
    };

    public static string Of(LoopbackPath path) => Paths.First(p => p.Value == path).Key;

    public static string Of(FaxModems modem) => Modems.First(p => p.Value == modem).Key;

    public static string Of(LoopbackCodec codec) => Codecs.First(p => p.Value == codec).Key;
}
