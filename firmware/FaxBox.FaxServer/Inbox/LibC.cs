using System.Runtime.InteropServices;

namespace FaxBox.FaxServer.Inbox;

/// <summary>The few POSIX calls .NET does not expose: fsync of a directory (POSIX.1-2017 fsync(), open(O_DIRECTORY)).</summary>
internal static class LibC
{
    private const int ORdOnly = 0;
    private const int ODirectory = 0x10000; // Linux asm-generic/fcntl.h (x64 and arm64)
    private const int OCloExec = 0x80000;

    /// <summary>
    /// Flushes a directory's entries to disk so that a rename or a new file in it survives a power loss (the rename
    /// itself is atomic; its durability needs the directory synced). False where the platform does not allow it.
    /// </summary>
    public static bool FsyncDirectory(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        int fd = open(directory, ORdOnly | ODirectory | OCloExec);
        if (fd < 0)
        {
            return false;
        }

        try
        {
            return fsync(fd) == 0;
        }
        finally
        {
            _ = close(fd);
        }
    }

    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int fsync(int fd);

    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int close(int fd);
}
