using System.Diagnostics;
using FaxBox.Admin.Security;

namespace FaxBox.Admin.Tests.Security;

/// <summary>Argon2id hashes in PHC format, checked against the reference implementation (Debian's argon2 CLI, installed by tools/test).</summary>
public sealed class PasswordHasherTests
{
    [Fact]
    public void A_hash_verifies_its_password_only_and_carries_the_default_parameters()
    {
        var phc = PasswordHasher.Hash("correct horse battery staple");
        Assert.Matches(@"^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$", phc);
        Assert.True(PasswordHasher.Verify("correct horse battery staple", phc));
        Assert.False(PasswordHasher.Verify("correct horse battery stapl", phc));
        Assert.False(PasswordHasher.Verify("Correct horse battery staple", phc));
        Assert.NotEqual(phc, PasswordHasher.Hash("correct horse battery staple"));
    }

    [Theory]
    [InlineData("pässwörd ünicode")]
    [InlineData("password")]
    public void Hashes_made_by_the_reference_argon2_tool_verify_here(string password)
    {
        // argon2 SALT -id -k KiB -t T -p P -e prints the PHC string (libargon2, the RFC 9106 reference code).
        var start = new ProcessStartInfo("/usr/bin/argon2", ["saltsaltsaltsalt", "-id", "-k", "8192", "-t", "1", "-p", "1", "-e"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var tool = Process.Start(start) ?? throw new InvalidOperationException("argon2 did not start (tools/test installs Debian's argon2)");
        tool.StandardInput.Write(password);
        tool.StandardInput.Close();
        var phc = tool.StandardOutput.ReadToEnd().Trim();
        Assert.True(tool.WaitForExit(30_000));
        Assert.Equal(0, tool.ExitCode);
        Assert.StartsWith("$argon2id$v=19$m=8192,t=1,p=1$", phc, StringComparison.Ordinal);
        Assert.True(PasswordHasher.Verify(password, phc));
        Assert.False(PasswordHasher.Verify(password + "x", phc));
    }

    [Theory]
    [InlineData("$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE", "Argon2id")]
    [InlineData("$argon2id$v=16$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE", "v=19")]
    [InlineData("$argon2id$v=19$m=1024,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE", "outside the box's limits")]
    [InlineData("$argon2id$v=19$m=4194304,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE", "outside the box's limits")]
    [InlineData("$argon2id$v=19$m=19456,t=2,x=1$c2FsdHNhbHRzYWx0c2FsdA$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE", "unknown")]
    [InlineData("$argon2id$v=19$m=19456,t=2,p=1$!!!!$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE", "salt is not base64")]
    [InlineData("plain text password", "PHC")]
    public void A_tampered_or_foreign_hash_is_a_clear_error_not_a_match(string phc, string says)
    {
        var e = Assert.Throws<FormatException>(() => PasswordHasher.Verify("password", phc));
        Assert.Contains(says, e.Message, StringComparison.Ordinal);
    }
}
