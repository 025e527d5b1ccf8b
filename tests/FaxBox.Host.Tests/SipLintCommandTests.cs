using FaxBox.Testing;

namespace FaxBox.Host.Tests;

/// <summary><c>faxbox sip lint</c> on the RFC 4475 torture messages and on files that are not there.</summary>
public sealed class SipLintCommandTests
{
    [Fact]
    public void Valid_options_request_is_accepted()
    {
        var (exit, output, _) = CommandLineRunner.Run("sip", "lint", TestPaths.SharedFile("vectors/rfc4475/zeromf.dat"));
        Assert.Equal(0, exit);
        Assert.Equal("accept", output.Trim());
    }

    [Theory]
    [InlineData("badvers.dat", "reject 505 Version Not Supported")]
    [InlineData("badinv01.dat", "reject 400 Malformed Via Header")]
    [InlineData("unkscm.dat", "reject 416 Unsupported URI Scheme")]
    [InlineData("bext01.dat", "reject 420 Bad Extension")]
    [InlineData("insuf.dat", "reject 400 Missing To Header")]
    [InlineData("bigcode.dat", "discard Malformed Status Line")]
    public void Refused_messages_print_the_answer(string file, string expected)
    {
        var (exit, output, _) = CommandLineRunner.Run("sip", "lint", TestPaths.SharedFile("vectors/rfc4475/" + file));
        Assert.Equal(1, exit);
        Assert.Equal(expected, output.Split('\n')[0].Trim());
    }

    [Fact]
    public void Oversized_message_gets_513()
    {
        using var temp = TestPaths.NewTempFolder();
        var path = temp.File("big.sip");
        File.WriteAllBytes(path, new byte[70_000]);
        var (exit, output, _) = CommandLineRunner.Run("sip", "lint", path);
        Assert.Equal(1, exit);
        Assert.StartsWith("reject 513 Message Too Large", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_file_is_a_clear_error()
    {
        var (exit, _, error) = CommandLineRunner.Run("sip", "lint", "/nonexistent/message.sip");
        Assert.Equal(1, exit);
        Assert.Contains("cannot read /nonexistent/message.sip", error, StringComparison.Ordinal);
    }
}
