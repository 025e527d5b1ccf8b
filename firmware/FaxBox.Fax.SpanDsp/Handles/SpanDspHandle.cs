using System.Runtime.InteropServices;

namespace FaxBox.Fax.SpanDsp.Handles;

/// <summary>
/// Base of the one-<see cref="SafeHandle"/>-per-native-state rule: owns a pointer returned by a spandsp
/// <c>xxx_init(NULL, …)</c> and calls the matching <c>xxx_free</c> exactly once.
/// </summary>
internal abstract class SpanDspHandle : SafeHandle
{
    protected SpanDspHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>Throws when the native init returned NULL, naming what could not be created.</summary>
    public void EnsureValid(string what)
    {
        if (IsInvalid)
        {
            throw new InvalidOperationException($"libspandsp could not create {what} (the init call returned NULL)");
        }
    }
}
