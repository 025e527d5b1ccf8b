using FaxBox.Testing;

namespace FaxBox.Fax.Tests.Documents;

/// <summary>The shared sample files the document tests use.</summary>
internal static class TestFiles
{
    /// <summary>The real two-page G3 sample sent in the Asterisk captures.</summary>
    public static string SampleG3 => TestPaths.SharedFile("captures/test-2p-g3.tif");
}
