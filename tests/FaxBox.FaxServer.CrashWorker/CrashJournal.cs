using System.Text;

namespace FaxBox.FaxServer.CrashWorker;

/// <summary>
/// The trial's append-only journal: one line per fact, each written and fsync'd before the worker goes on, so a line
/// on disk is a fact that happened whatever moment the kill came. A torn last line (no newline) is ignored by readers.
/// </summary>
internal sealed class CrashJournal : IDisposable
{
    private readonly FileStream _file;
    private readonly Lock _lock = new();

    public CrashJournal(string path)
    {
        _file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite, 1, FileOptions.None);
    }

    /// <summary>Appends one line and fsyncs it.</summary>
    public void Write(string line)
    {
        byte[] bytes = Encoding.ASCII.GetBytes(line + "\n");
        lock (_lock)
        {
            _file.Write(bytes);
            _file.Flush(flushToDisk: true);
        }
    }

    public void Dispose() => _file.Dispose();
}
