namespace FaxBox.Media.Rtp;

/// <summary>64-bit NTP timestamps (RFC 3550 §4): seconds since 1900-01-01 and a 32-bit fraction.</summary>
internal static class NtpTimestamp
{
    private const long UnixToNtpSeconds = 2_208_988_800;

    public static ulong FromDateTime(DateTimeOffset time)
    {
        long ticks = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        ulong seconds = (ulong)((ticks / TimeSpan.TicksPerSecond) + UnixToNtpSeconds);
        ulong fraction = (ulong)(ticks % TimeSpan.TicksPerSecond) * (1UL << 32) / TimeSpan.TicksPerSecond;
        return (seconds << 32) | fraction;
    }

    /// <summary>The middle 32 bits (LSR/DLSR units of 1/65536 s).</summary>
    public static uint Middle(ulong ntp) => (uint)(ntp >> 16);
}
