using FaxBox.Fax.SpanDsp;
using FaxBox.Host.Diagnostics;
using FaxBox.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace FaxBox.Host.Tests;

/// <summary>Runs loopback calls on the native engine for tests, each in its own scratch folder.</summary>
internal static class LoopbackHarness
{
    /// <summary>The document the matrix sends: the real two-page G3 document from the shared captures.</summary>
    public static string Document => TestPaths.SharedFile("captures/test-2p-g3.tif");

    public static LoopbackReport Run(LoopbackPath path, Fax.FaxModems modem, bool ecm, LoopbackCodec codec, double loss = 0, int redundancy = 0, double? noise = null, int seed = 1, string? input = null)
    {
        using var folder = TestPaths.NewTempFolder();
        var loopback = new FaxLoopback(new SpanDspFaxEngine(NullLoggerFactory.Instance));
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
