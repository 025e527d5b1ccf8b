using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace FaxBox.Core.Net;

/// <summary>Descriptors of listening sockets handed to a server that takes ownership of them (Kestrel's <c>ListenHandle</c>).</summary>
public static partial class ListenerHandles
{
    /// <summary>fcntl(2) F_DUPFD_CLOEXEC (Linux): a copy of the descriptor that child processes do not inherit.</summary>
    private const int FDupFdCloexec = 1030;

    /// <summary>
    /// A new descriptor of the same socket (close-on-exec): the receiver closes it when it is done, the caller keeps and
    /// closes its own, and the socket stays open while either does.
    /// </summary>
    /// <exception cref="IOException">fcntl failed (the error number in the message).</exception>
    public static ulong Duplicate(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        var fd = Fcntl((int)socket.SafeHandle.DangerousGetHandle(), FDupFdCloexec, 0);
        if (fd < 0)
        {
            throw new IOException($"cannot duplicate the listening socket {socket.LocalEndPoint} (errno {Marshal.GetLastPInvokeError()})");
        }

        return (ulong)fd;
    }

    /// <summary>Closes descriptors made by <see cref="Duplicate"/> that the receiver never took.</summary>
    public static void Close(IEnumerable<ulong> handles)
    {
        ArgumentNullException.ThrowIfNull(handles);
        foreach (var handle in handles)
        {
            using var socket = new Socket(new SafeSocketHandle((nint)handle, ownsHandle: true));
        }
    }

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(int fd, int command, int argument);
}
