using System.Runtime.ExceptionServices;

namespace FaxBox.Fax.SpanDsp.Interop;

/// <summary>
/// Holds the first exception caught inside a native callback, so that it can be rethrown on the managed side once the
/// native call that drove the callback has returned (an exception must never unwind through spandsp's C frames).
/// </summary>
internal sealed class CallbackFault
{
    private ExceptionDispatchInfo? _captured;

    /// <summary>Records <paramref name="exception"/> unless an earlier one is already waiting.</summary>
    public void Capture(Exception exception) => _captured ??= ExceptionDispatchInfo.Capture(exception);

    /// <summary>Rethrows (with its original stack) and clears the recorded exception, if any.</summary>
    public void ThrowIfCaptured()
    {
        var captured = _captured;
        _captured = null;
        captured?.Throw();
    }
}
