namespace FaxBox.Host.Diagnostics;

/// <summary>The documents a loopback call sends and compares (bridge to FaxBox.Fax.Documents).</summary>
internal static class LoopbackDocuments
{
    public static void WriteTestPages(string path, int pages, string ident) => throw new NotImplementedException();

    public static void PrepareInput(string input, string sent) => throw new NotImplementedException();

    public static int CountPages(string path) => throw new NotImplementedException();

    public static (int Pages, long DifferingPixels) Compare(string sent, string received) => throw new NotImplementedException();

    public static long TotalPixels(string path) => throw new NotImplementedException();
}
