using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FaxBox.Fax.SpanDsp.Logging;

/// <summary>
/// spandsp opens TIFF files through the system libtiff, whose default handlers print to stderr. This replaces them
/// with handlers that keep the last message per thread, so a terminal can say why a file could not be used.
/// The <c>va_list</c> is formatted with libc's <c>vsnprintf</c> (an opaque pointer on x86-64 and arm64 alike).
/// </summary>
internal static unsafe partial class LibTiffErrors
{
    [ThreadStatic]
    private static string? _lastError;

    /// <summary>The last libtiff error or warning on this thread, if any since <see cref="Clear"/>.</summary>
    public static string? LastError => _lastError;

    public static void Clear() => _lastError = null;

    public static void Install()
    {
        TIFFSetErrorHandler(&OnMessage);
        TIFFSetWarningHandler(&OnWarning);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnMessage(byte* module, byte* format, nint args) => Record(module, format, args);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnWarning(byte* module, byte* format, nint args)
    {
        // Warnings (unknown tags and the like) are not failures; they are not kept.
    }

    private static void Record(byte* module, byte* format, nint args)
    {
        try
        {
            const int size = 512;
            var buffer = stackalloc byte[size];
            var written = vsnprintf(buffer, size, format, args);
            var text = written > 0 ? Marshal.PtrToStringUTF8((nint)buffer, Math.Min(written, size - 1)) : string.Empty;
            var prefix = module == null ? string.Empty : Marshal.PtrToStringUTF8((nint)module) + ": ";
            _lastError = prefix + text;
        }
        catch (Exception)
        {
            // Never unwind into libtiff.
        }
    }

    [LibraryImport("libtiff.so.6")]
    private static partial nint TIFFSetErrorHandler(delegate* unmanaged[Cdecl]<byte*, byte*, nint, void> handler);

    [LibraryImport("libtiff.so.6")]
    private static partial nint TIFFSetWarningHandler(delegate* unmanaged[Cdecl]<byte*, byte*, nint, void> handler);

    [LibraryImport("libc", EntryPoint = "vsnprintf")]
    private static partial int vsnprintf(byte* buffer, nuint size, byte* format, nint args);
}
