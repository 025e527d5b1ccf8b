namespace FaxBox.Admin.Security;

/// <summary>
/// Secret random bytes straight from the kernel's CSPRNG (<c>/dev/urandom</c>, the source getrandom(2) serves and OpenSSL
/// seeds from) for the one-time set-up code made at start: <see cref="System.Security.Cryptography.RandomNumberGenerator"/>
/// on Linux goes through OpenSSL, and mapping System.Security.Cryptography, libssl and libcrypto into an idle box for ten
/// characters costs ≈ 5 MiB resident (measured with smaps, README "The idle box"). Other systems use RandomNumberGenerator.
/// </summary>
internal static class KernelRandom
{
    private const string Device = "/dev/urandom";

    /// <summary>Fills <paramref name="buffer"/>.</summary>
    /// <exception cref="IOException">The device cannot be read (the message names it).</exception>
    public static void Fill(Span<byte> buffer)
    {
        if (!OperatingSystem.IsLinux())
        {
            FillWithRandomNumberGenerator(buffer);
            return;
        }

        try
        {
            using var device = new FileStream(Device, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
            // A read of up to 256 bytes from /dev/urandom returns them all (random(4)); loop for any other case, bounded.
            var filled = 0;
            for (var attempt = 0; filled < buffer.Length && attempt < 64; attempt++)
            {
                var read = device.Read(buffer[filled..]);
                if (read <= 0)
                {
                    break;
                }

                filled += read;
            }

            if (filled < buffer.Length)
            {
                throw new IOException($"{Device}: {filled} of {buffer.Length} random bytes read");
            }
        }
        catch (UnauthorizedAccessException e)
        {
            throw new IOException($"{Device}: {e.Message}", e);
        }
    }

    /// <summary>
    /// The other systems' source. A method of its own: the JIT resolves every call in a method it compiles, taken or not,
    /// and a call to RandomNumberGenerator in <see cref="Fill"/> mapped System.Security.Cryptography (1.2 MiB) into every
    /// Linux box too.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void FillWithRandomNumberGenerator(Span<byte> buffer) => System.Security.Cryptography.RandomNumberGenerator.Fill(buffer);
}
