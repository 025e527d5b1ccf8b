using System.Text.Json;

namespace FaxBox.Host.Diagnostics;

/// <summary>File handling of the loopback: a writable output folder, and atomic report writes.</summary>
internal static class LoopbackFiles
{
    /// <summary>Creates the folder if needed and proves it writable; throws <see cref="IOException"/> naming it otherwise.</summary>
    public static void EnsureWritableDirectory(string directory)
    {
        try
        {
            Directory.CreateDirectory(directory);
            var probe = Path.Combine(directory, $".write-test-{Environment.ProcessId}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"{directory}: output folder is not writable ({e.Message})", e);
        }
    }

    /// <summary>Writes JSON to a temporary file in the same folder, flushes it to disk, then renames it into place.</summary>
    public static void WriteJson<T>(string path, T value)
    {
        var temp = path + ".tmp";
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                JsonSerializer.Serialize(stream, value, FaxLoopback.JsonOptions);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
