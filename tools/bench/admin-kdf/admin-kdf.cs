#:package Konscious.Security.Cryptography.Argon2
#:property PublishAot=false
#:property TreatWarningsAsErrors=true

// The admin site's password hash cost, side by side: Argon2id through Konscious.Security.Cryptography (what the box
// uses, FaxBox.Admin/Security/PasswordHasher) against the reference C implementation (Debian's libargon2, the baseline),
// same parameters, same password and salt, one thread. Prints the median CPU time per hash of each, the ratio, and
// checks both give the same tag. A login costs one hash; run it on the target board to see what a login costs there.
//   dotnet run tools/bench/admin-kdf/admin-kdf.cs -- [--m KIB] [--t PASSES] [--n HASHES]
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using Konscious.Security.Cryptography;

int m = Arg("--m", 19456), t = Arg("--t", 2), n = Arg("--n", 9);
var password = Encoding.UTF8.GetBytes("correct horse battery staple");
var salt = Encoding.ASCII.GetBytes("saltsaltsaltsalt");
byte[] Managed()
{
    using var a = new Argon2id(password) { Salt = salt, MemorySize = m, Iterations = t, DegreeOfParallelism = 1 };
    return a.GetBytes(32);
}

byte[] Native()
{
    var tag = new byte[32];
    var rc = Libargon2.argon2id_hash_raw((uint)t, (uint)m, 1, password, (nuint)password.Length, salt, (nuint)salt.Length, tag, (nuint)tag.Length);
    return rc == 0 ? tag : throw new InvalidOperationException($"libargon2 error {rc}");
}

if (!Managed().AsSpan().SequenceEqual(Native()))
{
    Console.WriteLine("FAIL: the managed and the reference implementation disagree");
    return 1;
}

var managed = Median(Managed);
var native = Median(Native);
Console.WriteLine($"argon2id m={m} KiB t={t} p=1, {n} hashes each, median CPU per hash on {Environment.ProcessorCount} CPUs ({RuntimeInformation.ProcessArchitecture}):");
Console.WriteLine($"{"implementation",-34} {"ms/hash",8}");
Console.WriteLine($"{"libargon2 (reference C, baseline)",-34} {native,8:F1}");
Console.WriteLine($"{"Konscious (managed, the box's)",-34} {managed,8:F1}");
Console.WriteLine($"ratio managed/reference: {managed / native:F2}");
Console.WriteLine($"one login costs {managed:F0} ms of one core and {m / 1024.0:F0} MiB for that time on this machine");
return 0;

double Median(Func<byte[]> hash)
{
    _ = hash();
    var samples = new List<double>();
    for (var i = 0; i < n; i++)
    {
        var before = Process.GetCurrentProcess().TotalProcessorTime;
        _ = hash();
        samples.Add((Process.GetCurrentProcess().TotalProcessorTime - before).TotalMilliseconds);
    }

    samples.Sort();
    return samples[samples.Count / 2];
}

int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
}

static class Libargon2
{
    [DllImport("libargon2.so.1")]
    public static extern int argon2id_hash_raw(uint t, uint m, uint p, byte[] pwd, nuint pwdlen, byte[] salt, nuint saltlen, byte[] hash, nuint hashlen);
}
