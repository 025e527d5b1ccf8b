using System.Security.Cryptography;

namespace FaxBox.FaxServer.Inbox;

/// <summary>
/// Crash-safe file operations for the inbox: every change is write, fsync, rename, fsync of the folder, so that after a
/// power loss a file is either its old or its new self, never half of each, and a rename is never undone.
/// </summary>
internal static class DurableFile
{
    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> atomically and durably.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> content)
    {
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full) ?? throw new IOException($"{path}: no parent folder");
        string temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }

        LibC.FsyncDirectory(folder);
    }

    /// <summary>Flushes a file's data to disk (it may have been written by someone else: the fax terminal).</summary>
    public static void Fsync(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Renames <paramref name="from"/> to <paramref name="to"/> (same file system) and syncs both folders.</summary>
    public static void Move(string from, string to)
    {
        File.Move(from, to, overwrite: true);
        string? toFolder = Path.GetDirectoryName(Path.GetFullPath(to));
        string? fromFolder = Path.GetDirectoryName(Path.GetFullPath(from));
        if (toFolder is not null)
        {
            LibC.FsyncDirectory(toFolder);
        }

        if (fromFolder is not null && fromFolder != toFolder)
        {
            LibC.FsyncDirectory(fromFolder);
        }
    }

    /// <summary>Deletes a file if it exists; false when it did not.</summary>
    public static bool Delete(string path, bool secure)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        if (secure)
        {
            Overwrite(path);
        }

        File.Delete(path);
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder)
        {
            LibC.FsyncDirectory(folder);
        }

        return true;
    }

    /// <summary>
    /// Overwrites the whole file with random bytes and flushes it to disk before it is unlinked. On a log-structured or
    /// copy-on-write file system or wear-levelled flash, old blocks can survive this; full-disk encryption is the
    /// complete answer there.
    /// </summary>
    private static void Overwrite(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.None);
        long length = stream.Length;
        byte[] block = new byte[64 * 1024];
        for (long written = 0; written < length; written += block.Length)
        {
            int n = (int)Math.Min(block.Length, length - written);
            RandomNumberGenerator.Fill(block.AsSpan(0, n));
            stream.Write(block, 0, n);
        }

        stream.Flush(flushToDisk: true);
    }

    /// <summary>Deletes a file, ignoring failure (temporary files).</summary>
    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: temporary names start with '.' and end with '.tmp' and are swept on start.
        }
    }
}
