using FaxBox.Fax.Documents;
using FaxBox.Host.Cli;
using FaxBox.Host.Diagnostics;
using FaxBox.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace FaxBox.Host.Tests;

/// <summary>
/// Runs loopback calls on the engine the box runs (<c>EngineFactory.Create("native")</c>: libspandsp for audio terminals
/// and gateways, FaxBox's own T.38 terminal), each in its own scratch folder.
/// </summary>
internal static class LoopbackHarness
{
    private static readonly Lazy<string> ThreePages = new(() =>
    {
        var path = Path.Combine(Path.GetTempPath(), $"faxbox-test-3p-{Environment.ProcessId}.tif");
        TestPageGenerator.Write(path, new TestPageOptions { Pages = 3 });
        return path;
    });

    /// <summary>The document the matrix sends: <c>faxbox fax testpage --pages 3</c> (fine A4: text, 1-px bars, halftone ramps).</summary>
    public static string Document => ThreePages.Value;

    /// <summary>The real two-page G3 document from the shared captures (sent by Asterisk in those captures).</summary>
    public static string CaptureDocument => TestPaths.SharedFile("captures/test-2p-g3.tif");

    public static LoopbackReport Run(LoopbackPath path, Fax.FaxModems modem, bool ecm, LoopbackCodec codec, double loss = 0, int redundancy = 0, double? noise = null, int seed = 1, string? input = null)
    {
        using var folder = TestPaths.NewTempFolder();
        var loopback = new FaxLoopback(EngineFactory.Create("native", NullLoggerFactory.Instance));
        return loopback.Run(new LoopbackOptions
        {
            Path = path,
            Modem = modem,
            Ecm = ecm,
            Codec = codec,
            Input = input ?? Document,
            LossPercent = loss,
            Redundancy = redundancy,
            NoiseDbm0 = noise,
            Seed = seed,
            OutputDirectory = folder.Path,
        });
    }
}
