using System.Runtime.InteropServices;

namespace FaxBox.Media.Scheduling;

/// <summary>The one libc call the media clock needs: SCHED_FIFO for its own thread (sched_setscheduler(2), pid 0 = caller).</summary>
internal static partial class LinuxScheduling
{
    private const int SchedFifo = 1;

    /// <summary>Tries to put the calling thread under SCHED_FIFO at <paramref name="priority"/>; false when refused or not Linux.</summary>
    public static bool TrySetFifo(int priority)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            int parameter = priority;
            return sched_setscheduler(0, SchedFifo, ref parameter) == 0;
        }
        catch (DllNotFoundException)
        {
            return false;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int sched_setscheduler(int pid, int policy, ref int parameter);
}
