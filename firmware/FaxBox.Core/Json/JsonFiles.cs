using System.Text;

namespace FaxBox.Core.Json;

/// <summary>Reading the small JSON files the box is configured with (faxbox.json, board files), with errors for people.</summary>
public static class JsonFiles
{
    /// <summary>
    /// Reads <paramref name="path"/> as UTF-8 text of at most <paramref name="maxBytes"/>; null with the reason
    /// ("not found (full path …)", "N bytes is too large for a WHAT (limit M)", "cannot be read: …") when it cannot.
    /// </summary>
    public static string? TryRead(string path, long maxBytes, string what, out string reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        reason = string.Empty;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                reason = $"not found (full path {info.FullName})";
                return null;
            }

            if (info.Length > maxBytes)
            {
                reason = $"{info.Length} bytes is too large for a {what} (limit {maxBytes})";
                return null;
            }

            return File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            reason = "cannot be read: " + e.Message;
            return null;
        }
    }
}
