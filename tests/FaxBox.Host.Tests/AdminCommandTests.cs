using FaxBox.Admin.Security;
using FaxBox.Host.Configuration;

namespace FaxBox.Host.Tests;

/// <summary><c>faxbox admin passwd</c> through the real command tree, reading the password from stdin.</summary>
[Collection(AdminCommandTests.StdinCollection)]
public sealed class AdminCommandTests : IDisposable
{
    /// <summary>These tests replace Console.In; nothing else may read it meanwhile.</summary>
    public const string StdinCollection = "stdin";

    private readonly TempFolder _folder = TestPaths.NewTempFolder();
    private readonly TextReader _stdin = Console.In;

    [Fact]
    public void Passwd_sets_the_password_the_site_checks_in_the_configurations_data_folder()
    {
        var config = Config();
        var (exit, output, error) = RunWithStdin("a password from stdin\n", "admin", "passwd", "--config", config);
        Assert.True(exit == 0, error);
        var store = new AdminCredentialStore(Path.Combine(_folder.Path, "data"), TimeProvider.System);
        Assert.Contains(store.PasswordPath, output, StringComparison.Ordinal);
        Assert.True(store.VerifyPassword("a password from stdin"));
        Assert.Equal("$argon2id$v=19$m=19456,t=2,p=1", File.ReadAllText(store.PasswordPath).Split('"')[3][..30]);

        // Again: replaces it (and the stamp, so the site's sessions end).
        var stamp = store.PasswordStamp;
        (exit, _, error) = RunWithStdin("another password\r\n", "admin", "passwd", "--config", config);
        Assert.True(exit == 0, error);
        Assert.True(store.VerifyPassword("another password"));
        Assert.NotEqual(stamp, store.PasswordStamp);
    }

    [Fact]
    public void A_short_password_or_none_is_refused_and_nothing_is_written()
    {
        var config = Config();
        var (exit, _, error) = RunWithStdin("short\n", "admin", "passwd", "--config", config);
        Assert.Equal(1, exit);
        Assert.Contains("faxbox: admin passwd: not accepted: the password has 5 characters; at least 10 are needed", error, StringComparison.Ordinal);
        (exit, _, error) = RunWithStdin(string.Empty, "admin", "passwd", "--config", config);
        Assert.Equal(1, exit);
        Assert.Contains("no password on stdin", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder.Path, "data", "admin", "password.json")));
    }

    [Fact]
    public void A_broken_configuration_is_reported_as_for_run()
    {
        var bad = _folder.File("bad.json");
        File.WriteAllText(bad, "{ \"dataFolder\": 5 }");
        var (exit, _, error) = RunWithStdin("a long enough password\n", "admin", "passwd", "--config", bad);
        Assert.Equal(1, exit);
        Assert.Contains(bad, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"loginFailuresBeforeLockout\": 0", "admin.loginFailuresBeforeLockout: 0; 1 to 1000")]
    [InlineData("\"lockoutDuration\": \"0s\"", "admin.lockoutDuration: 00:00:00; more than 0, at most a day")]
    [InlineData("\"sessionIdleTimeout\": \"10s\"", "admin.sessionIdleTimeout: 00:00:10; 1 minute to 7 days")]
    [InlineData("\"urls\": [\"ftp://127.0.0.1\"]", "admin.urls: one or more http:// or https:// addresses are needed")]
    public void Config_check_names_a_wrong_admin_security_value(string setting, string says)
    {
        var file = _folder.File("faxbox.json");
        File.WriteAllText(file, FaxBoxConfiguration.EmbeddedDefaultText().Replace("\"urls\": [\"http://127.0.0.1:8080\"],", setting + ",", StringComparison.Ordinal));
        var (exit, _, error) = CommandLineRunner.Run("config", "check", file);
        Assert.Equal(1, exit);
        Assert.Contains($"{file}: {says}", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_describes_the_command()
    {
        var (exit, output, _) = CommandLineRunner.Run("admin", "passwd", "--help");
        Assert.Equal(0, exit);
        Assert.Contains("administrator password", output, StringComparison.Ordinal);
        Assert.Contains("--config", output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Console.SetIn(_stdin);
        _folder.Dispose();
    }

    private static (int ExitCode, string Output, string Error) RunWithStdin(string stdin, params string[] args)
    {
        Assert.True(Console.IsInputRedirected, "the test runner's stdin is redirected (not a terminal)");
        Console.SetIn(new StringReader(stdin));
        return CommandLineRunner.Run(args);
    }

    private string Config()
    {
        var file = _folder.File("faxbox.json");
        var text = FaxBoxConfiguration.EmbeddedDefaultText().Replace("\"~/.local/share/faxbox\"", "\"data\"", StringComparison.Ordinal);
        Assert.Contains("\"dataFolder\": \"data\"", text, StringComparison.Ordinal);
        File.WriteAllText(file, text);
        return file;
    }
}
