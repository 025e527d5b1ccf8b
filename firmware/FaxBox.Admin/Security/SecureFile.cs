using FaxBox.FaxServer.Inbox;

namespace FaxBox.Admin.Security;

/// <summary>
/// Secrets on disk: folders 0700, files 0600, written atomically (temporary file in the same folder, fsync, rename,
/// fsync of the folder) so a power failure leaves the old file or the new one, never half of one.
/// </summary>
internal static class SecureFile
{
    private const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode SecretFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates <paramref name="folder"/> (and its parents) with mode 0700 if it does not exist.</summary>
    public static void CreateFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
            return;
        }

        Directory.CreateDirectory(folder, FolderMode);
        File.SetUnixFileMode(folder, FolderMode);
    }

    /// <summary>Replaces <paramref name="path"/> with <paramref name="content"/>, mode 0600, atomically and durably.</summary>
    public static void WriteAtomic(string path, ReadOnlySpan<byte> content)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        CreateFolder(folder);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = SecretFileMode;
            }

            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
            SyncFolder(folder);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    // fsync(2) on the folder makes the rename durable (ext4 and f2fs on SD cards); the rename itself is atomic.
    private static void SyncFolder(string folder) => _ = LibC.FsyncDirectory(folder);
}
