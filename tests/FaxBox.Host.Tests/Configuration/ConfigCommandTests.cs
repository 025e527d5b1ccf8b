using FaxBox.Host.Configuration;

namespace FaxBox.Host.Tests.Configuration;

/// <summary><c>faxbox config check</c>.</summary>
public sealed class ConfigCommandTests
{
    [Fact]
    public void Check_without_a_file_checks_the_built_in_default()
    {
        var (exit, output, error) = CommandLineRunner.Run("config", "check");

        Assert.Equal(0, exit);
        Assert.StartsWith("ok: 2 ports, 1 accounts", output, StringComparison.Ordinal);
        Assert.Empty(error);
    }

    [Fact]
    public void Check_of_a_good_file_prints_ok_with_the_counts()
    {
        using var folder = TestPaths.NewTempFolder();
        var file = folder.File("faxbox.json");
        File.WriteAllText(file, ConfigurationSamples.Minimal);

        var (exit, output, _) = CommandLineRunner.Run("config", "check", file);

        Assert.Equal(0, exit);
        Assert.Equal($"ok: 2 ports, 1 accounts (board simulator, from {file})", output.Trim());
    }

    [Fact]
    public void Check_of_a_bad_file_prints_every_error_as_file_key_reason_and_exits_1()
    {
        using var folder = TestPaths.NewTempFolder();
        var file = folder.File("faxbox.json");
        File.WriteAllText(file, ConfigurationSamples.Minimal.Replace("\"number\": \"201\"", "\"numbr\": \"201\", \"fax\": { \"t38\": \"sometimes\" }", StringComparison.Ordinal));

        var (exit, output, error) = CommandLineRunner.Run("config", "check", file);

        Assert.Equal(1, exit);
        Assert.DoesNotContain("ok", output, StringComparison.Ordinal);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(
            [
                $"faxbox: {file}: ports[0].numbr: unknown key; did you mean 'number'?",
                $"faxbox: {file}: ports[0].fax.t38: 'sometimes' is not one of never, on-cng, on-ced-or-preamble, accept-only",
            ],
            lines);
    }

    [Fact]
    public void Print_default_prints_the_annotated_default_which_checks_ok_as_a_file()
    {
        var (exit, output, _) = CommandLineRunner.Run("config", "check", "--print-default");

        Assert.Equal(0, exit);
        Assert.Equal(FaxBoxConfiguration.EmbeddedDefaultText(), output);
        Assert.Contains("// ", output, StringComparison.Ordinal);
        using var folder = TestPaths.NewTempFolder();
        var file = folder.File("faxbox.json");
        File.WriteAllText(file, output);
        Assert.Equal(0, CommandLineRunner.Run("config", "check", file).ExitCode);
    }

    [Fact]
    public void Config_check_has_help()
    {
        var (exit, output, _) = CommandLineRunner.Run("config", "check", "--help");

        Assert.Equal(0, exit);
        Assert.Contains("--print-default", output, StringComparison.Ordinal);
        Assert.Contains("FILE: KEY: REASON", output, StringComparison.Ordinal);
    }
}
