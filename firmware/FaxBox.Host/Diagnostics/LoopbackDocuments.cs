using FaxBox.Fax.Documents;

namespace FaxBox.Host.Diagnostics;

/// <summary>The documents a loopback call sends and compares, through FaxBox.Fax.Documents.</summary>
internal static class LoopbackDocuments
{
    /// <summary>The same deterministic fine-resolution A4 test pages as <c>faxbox fax testpage --pages N</c>.</summary>
    public static void WriteTestPages(string path, int pages) =>
        TestPageGenerator.Write(path, new TestPageOptions { Pages = pages });

    /// <summary>Normalises any bilevel TIFF into a sendable one (raw strips copied when already fine); throws <see cref="FaxDocumentException"/> naming the file.</summary>
    public static void PrepareInput(string input, string sent) => FaxNormalizer.Normalize(input, sent);

    public static int CountPages(string path) => FaxDocument.Inspect(path).Pages.Count;

    /// <summary>Pages received and pixels that differ from the sent document (missing pages count whole).</summary>
    public static (int Pages, long DifferingPixels) Compare(string sent, string received)
    {
        var comparison = FaxDocumentComparer.Compare(sent, received);
        return (comparison.ActualPages, comparison.DifferingPixels);
    }

    /// <summary>Every pixel of a document: what "differing" means when nothing was received.</summary>
    public static long TotalPixels(string path) => FaxDocument.Load(path).Pages.Sum(p => (long)p.Width * p.Height);
}
