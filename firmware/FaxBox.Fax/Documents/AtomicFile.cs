namespace FaxBox.Fax.Documents;

/// <summary>
/// Writes a file atomically: the content goes to a temporary file in the same folder, is flushed to disk
/// (fsync) and then renamed over the target. On failure the temporary file is deleted, so a reader never
/// sees a half-written output.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> atomically.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> content)
    {
        byte[] copy = content.ToArray();
        Write(path, s => s.Write(copy));
    }

    /// <summary>Calls <paramref name="write"/> with a stream to a temporary file, then renames it to <paramref name="path"/>.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new FaxDocumentException(path, "invalid output path", ex);
        }

        string? folder = Path.GetDirectoryName(full);
        if (folder is null || !Directory.Exists(folder))
        {
            throw new FaxDocumentException(path, "output folder does not exist");
        }

        if (Directory.Exists(full))
        {
            throw new FaxDocumentException(path, "output is a directory");
        }

        string temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FaxDocumentException)
        {
            TryDelete(temp);
            if (ex is FaxDocumentException)
            {
                throw;
            }

            throw new FaxDocumentException(path, $"cannot write: {ex.Message}", ex);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void TryDelete(string temp)
    {
        try
        {
            File.Delete(temp);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: the temporary name starts with '.' and ends with '.tmp'.
        }
    }
}
