using System.Globalization;
using BitMiracle.LibTiff.Classic;

namespace FaxBox.Fax.Documents;

/// <summary>
/// LibTiff error handler that records messages for the current thread instead of printing them to stderr.
/// Warnings are dropped. LibTiff's handler is process-wide; the records are per thread so that concurrent
/// operations do not mix their messages.
/// </summary>
internal sealed class CapturingTiffErrorHandler : TiffErrorHandler
{
    [ThreadStatic]
    private static List<string>? t_messages;

    private static readonly Lock s_installLock = new();
    private static bool s_installed;

    /// <summary>Installs the handler once per process (idempotent).</summary>
    public static void EnsureInstalled()
    {
        lock (s_installLock)
        {
            if (!s_installed)
            {
                Tiff.SetErrorHandler(new CapturingTiffErrorHandler());
                s_installed = true;
            }
        }
    }

    /// <summary>Forgets the messages recorded on this thread.</summary>
    public static void Clear() => t_messages?.Clear();

    /// <summary>The first error recorded on this thread since <see cref="Clear"/>, or null.</summary>
    public static string? FirstError => t_messages is { Count: > 0 } m ? m[0] : null;

    public override void ErrorHandler(Tiff tif, string method, string format, params object[] args)
    {
        string text;
        try
        {
            text = args is { Length: > 0 } ? string.Format(CultureInfo.InvariantCulture, format, args) : format;
        }
        catch (FormatException)
        {
            text = format;
        }

        (t_messages ??= []).Add(text.ReplaceLineEndings(" ").Trim());
    }

    public override void ErrorHandlerExt(Tiff tif, object clientData, string method, string format, params object[] args)
    {
    }

    public override void WarningHandler(Tiff tif, string method, string format, params object[] args)
    {
    }

    public override void WarningHandlerExt(Tiff tif, object clientData, string method, string format, params object[] args)
    {
    }
}
