using FaxBox.Admin.Security;

namespace FaxBox.Admin.Tests.Security;

/// <summary>The password and token files: modes, atomic replacement, hashing, re-reading, damage.</summary>
public sealed class CredentialStoreTests : IDisposable
{
    private readonly TempFolder _data = TestPaths.NewTempFolder();

    [Fact]
    public void The_password_is_stored_as_an_argon2id_hash_in_a_0600_file_in_a_0700_folder_with_no_temporary_left()
    {
        var store = Store();
        Assert.False(store.IsPasswordSet);
        store.SetPassword("a long enough password");
        var text = File.ReadAllText(store.PasswordPath);
        Assert.DoesNotContain("a long enough password", text, StringComparison.Ordinal);
        Assert.Contains("$argon2id$v=19$m=8192,t=1,p=1$", text, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, Mode(store.PasswordPath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, Mode(store.Folder));
        Assert.Equal(["password.json"], Directory.GetFiles(store.Folder).Select(Path.GetFileName));
    }

    [Fact]
    public void A_new_password_replaces_the_old_one_and_changes_the_stamp()
    {
        var store = Store();
        store.SetPassword("first password 1");
        var stamp = store.PasswordStamp;
        store.SetPassword("second password 2");
        Assert.NotEqual(stamp, store.PasswordStamp);
        Assert.False(store.VerifyPassword("first password 1"));
        Assert.True(store.VerifyPassword("second password 2"));
        Assert.False(store.TrySetInitialPassword("third password 3"));
        Assert.True(store.VerifyPassword("second password 2"));
    }

    [Fact]
    public void A_change_by_another_process_is_seen_at_once()
    {
        var site = Store();
        site.SetPassword("first password 1");
        Assert.True(site.VerifyPassword("first password 1"));
        var stamp = site.PasswordStamp;

        // 'faxbox admin passwd' while the box runs: another store over the same folder.
        Store().SetPassword("from the command line");
        Assert.True(site.VerifyPassword("from the command line"));
        Assert.NotEqual(stamp, site.PasswordStamp);
    }

    [Theory]
    [InlineData("short", "at least 10")]
    [InlineData("", "empty")]
    [InlineData("tab\tinside password", "control character")]
    public void A_weak_or_odd_password_is_refused_with_the_reason(string password, string reason)
    {
        var e = Assert.Throws<ArgumentException>(() => Store().SetPassword(password));
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_damaged_password_file_keeps_setup_closed_and_says_which_file_and_what_to_do()
    {
        var store = Store();
        Directory.CreateDirectory(store.Folder);
        File.WriteAllText(store.PasswordPath, "{ \"hash\": \"$argon2id$v=19$m=1,t=1,p=1$AAAA$AAAA\", \"stamp\": \"x\" }");
        Assert.True(store.IsPasswordSet);
        var e = Assert.Throws<InvalidDataException>(() => store.VerifyPassword("anything at all"));
        Assert.Contains(store.PasswordPath, e.Message, StringComparison.Ordinal);
        Assert.Contains("faxbox admin passwd", e.Message, StringComparison.Ordinal);
        File.WriteAllText(store.PasswordPath, "not json");
        Assert.Throws<InvalidDataException>(() => store.VerifyPassword("anything at all"));
    }

    [Fact]
    public void Tokens_are_kept_as_sha256_found_by_their_secret_and_gone_when_revoked()
    {
        var store = Store();
        var (token, secret) = store.CreateToken("backup");
        Assert.Matches("^fbx_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$", secret);
        Assert.DoesNotContain(secret[13..], File.ReadAllText(store.TokensPath), StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, Mode(store.TokensPath));
        Assert.Equal(token, store.FindToken(secret));
        Assert.Equal(token, Store().FindToken(secret));
        Assert.Null(store.FindToken(secret[..^1] + (secret[^1] == 'A' ? 'B' : 'A')));
        Assert.Null(store.FindToken("fbx_short"));
        Assert.True(store.RevokeToken(token.Id));
        Assert.False(store.RevokeToken(token.Id));
        Assert.Null(store.FindToken(secret));
    }

    [Fact]
    public void A_damaged_token_file_accepts_no_token_and_names_the_file()
    {
        var store = Store();
        var (_, secret) = store.CreateToken("backup");
        File.WriteAllText(store.TokensPath, "[{\"id\": 5}]");
        var e = Assert.Throws<InvalidDataException>(() => Store().FindToken(secret));
        Assert.Contains(store.TokensPath, e.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _data.Dispose();

    private static UnixFileMode Mode(string path) =>
        OperatingSystem.IsWindows() ? throw new PlatformNotSupportedException("the box runs on Linux") : File.GetUnixFileMode(path);

    private AdminCredentialStore Store() => new(_data.Path, TimeProvider.System, Argon2idParameters.Minimum);
}
