namespace FaxBox.Admin.Security;

/// <summary>
/// Argon2id cost parameters (RFC 9106 §3.1: memory <c>m</c> in KiB, passes <c>t</c>, lanes <c>p</c>). Every hash
/// carries its own parameters in its PHC string, so changing <see cref="Default"/> re-hashes nothing and old hashes
/// keep verifying.
/// </summary>
/// <param name="MemoryKiB">Memory per hash in KiB (m).</param>
/// <param name="Iterations">Passes over the memory (t).</param>
/// <param name="Parallelism">Lanes (p).</param>
internal readonly record struct Argon2idParameters(int MemoryKiB, int Iterations, int Parallelism)
{
    /// <summary>
    /// m = 19 MiB, t = 2, p = 1: OWASP's recommended Argon2id minimum (the second of RFC 9106 §4's choices scaled to a
    /// small board). Sized for a Raspberry Pi class box: a login costs 19 MiB for a moment on a board with 1–8 GiB,
    /// and measured time is in README (admin security); one lane because the box's two to four cores carry media.
    /// </summary>
    public static Argon2idParameters Default { get; } = new(19 * 1024, 2, 1);

    /// <summary>The lowest cost a stored hash may ask for (a tampered file cannot make verification trivial).</summary>
    public static Argon2idParameters Minimum { get; } = new(8 * 1024, 1, 1);

    /// <summary>The highest cost a stored hash may ask for (a tampered file cannot exhaust the box's memory).</summary>
    public static Argon2idParameters Maximum { get; } = new(256 * 1024, 10, 8);

    /// <summary>Whether every parameter lies between <see cref="Minimum"/> and <see cref="Maximum"/>.</summary>
    public bool IsWithinLimits =>
        MemoryKiB >= Minimum.MemoryKiB && MemoryKiB <= Maximum.MemoryKiB
        && Iterations >= Minimum.Iterations && Iterations <= Maximum.Iterations
        && Parallelism >= Minimum.Parallelism && Parallelism <= Maximum.Parallelism
        && MemoryKiB >= 8 * Parallelism;
}
