using BitMiracle.LibTiff.Classic;

namespace FaxBox.Fax.Documents;

/// <summary>Runs LibTiff work so that every failure surfaces as a <see cref="FaxDocumentException"/>.</summary>
internal static class TiffGuard
{
    /// <summary>Runs <paramref name="work"/>; LibTiff errors and unexpected exceptions become FaxDocumentException.</summary>
    public static T Run<T>(string path, Func<T> work)
    {
        CapturingTiffErrorHandler.EnsureInstalled();
        CapturingTiffErrorHandler.Clear();
        try
        {
            return work();
        }
        catch (FaxDocumentException)
        {
            throw;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            string reason = Strip(path, CapturingTiffErrorHandler.FirstError) ?? ex.Message;
            throw new FaxDocumentException(path, reason, ex);
        }
    }

    /// <summary>Throws a FaxDocumentException with the first LibTiff error, or <paramref name="fallback"/>.</summary>
    public static FaxDocumentException Fail(string path, string fallback) =>
        new(path, Strip(path, CapturingTiffErrorHandler.FirstError) is { } e ? $"{fallback}: {e}" : fallback);

    /// <summary>Removes LibTiff's own "&lt;file&gt;: " prefix, since FaxDocumentException adds the file name.</summary>
    private static string? Strip(string path, string? message) =>
        message is not null && message.StartsWith(path + ": ", StringComparison.Ordinal) ? message[(path.Length + 2)..] : message;

    /// <summary>Opens a TIFF file for reading; the file must exist and be a TIFF.</summary>
    public static Tiff OpenRead(string path)
    {
        if (Directory.Exists(path))
        {
            throw new FaxDocumentException(path, "is a directory, not a TIFF file");
        }

        if (!File.Exists(path))
        {
            throw new FaxDocumentException(path, "file not found");
        }

        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new FaxDocumentException(path, ex.Message, ex);
        }

        if (stream.Length < 8)
        {
            stream.Dispose();
            throw new FaxDocumentException(path, "not a TIFF file (too short)");
        }

        Tiff? tif = Tiff.ClientOpen(path, "r", stream, new TiffStream());
        if (tif is null)
        {
            stream.Dispose();
            throw Fail(path, "not a readable TIFF file");
        }

        return tif;
    }
}
