using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FaxBox.Admin.Security;

/// <summary>
/// The administrator's password hash and the API tokens, in <c>&lt;data&gt;/admin/</c> (folder 0700, files 0600, written
/// atomically): <c>password.json</c> (Argon2id PHC string and a stamp that changes with the password, so sessions of
/// the old password end) and <c>tokens.json</c> (id, name, SHA-256 of the secret). Used by the set-up and security pages,
/// the login and <c>faxbox admin passwd</c>; files changed by another process (the CLI while the box runs) are re-read.
/// </summary>
internal sealed class AdminCredentialStore
{
    /// <summary>Prefix of every API token (lets secret scanners and people recognise one).</summary>
    public const string TokenPrefix = "fbx_";

    /// <summary>
    /// At most two Argon2id computations at once, box-wide: each holds its memory (19 MiB) for a moment, and a flood of
    /// login attempts from many addresses must not add up to the board's RAM.
    /// </summary>
    private static readonly SemaphoreSlim KdfGate = new(2, 2);

    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly Argon2idParameters _parameters;
    private FileStamp _passwordStamp;
    private PasswordRecord? _password;
    private FileStamp _tokensStamp;
    private List<TokenRecord> _tokens = [];

    /// <summary>A store over <c><paramref name="dataFolder"/>/admin</c>.</summary>
    public AdminCredentialStore(string dataFolder, TimeProvider time, Argon2idParameters? parameters = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataFolder);
        Folder = Path.Combine(Path.GetFullPath(dataFolder), "admin");
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _parameters = parameters ?? Argon2idParameters.Default;
    }

    /// <summary>The folder of the site's secrets (<c>&lt;data&gt;/admin</c>).</summary>
    public string Folder { get; }

    /// <summary>The password file.</summary>
    public string PasswordPath => Path.Combine(Folder, "password.json");

    /// <summary>The token file.</summary>
    public string TokensPath => Path.Combine(Folder, "tokens.json");

    /// <summary>
    /// Whether an administrator password exists. A password file that cannot be read still counts (fail closed: the
    /// set-up step never reopens because a file was damaged; <see cref="VerifyPassword"/> then says what is wrong).
    /// </summary>
    public bool IsPasswordSet => File.Exists(PasswordPath);

    /// <summary>Changes whenever the password does: sessions carry it and end when it no longer matches.</summary>
    public string? PasswordStamp
    {
        get
        {
            lock (_lock)
            {
                return TryLoadPassword(out _)?.Stamp;
            }
        }
    }

    /// <summary>Sets (or replaces) the administrator password.</summary>
    /// <exception cref="ArgumentException">The password breaks <see cref="PasswordPolicy"/>.</exception>
    /// <exception cref="IOException">The file cannot be written (the message names it).</exception>
    public void SetPassword(string password) => _ = SetPassword(password, onlyIfUnset: false);

    /// <summary>Sets the first administrator password; false (nothing written) if one exists already (set-up raced).</summary>
    /// <exception cref="ArgumentException">The password breaks <see cref="PasswordPolicy"/>.</exception>
    /// <exception cref="IOException">The file cannot be written (the message names it).</exception>
    public bool TrySetInitialPassword(string password) => SetPassword(password, onlyIfUnset: true);

    private bool SetPassword(string password, bool onlyIfUnset)
    {
        if (PasswordPolicy.Check(password) is { } problem)
        {
            throw new ArgumentException(problem, nameof(password));
        }

        string hash;
        KdfGate.Wait();
        try
        {
            hash = PasswordHasher.Hash(password, _parameters);
        }
        finally
        {
            KdfGate.Release();
        }

        var record = new PasswordRecord(hash, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), _time.GetUtcNow());
        var json = new JsonObject
        {
            ["hash"] = record.Hash,
            ["stamp"] = record.Stamp,
            ["changed"] = record.Changed.ToString("O", CultureInfo.InvariantCulture),
        };
        lock (_lock)
        {
            if (onlyIfUnset && IsPasswordSet)
            {
                return false;
            }

            Write(PasswordPath, json.ToJsonString());
            _password = null;
            _passwordStamp = default;
            return true;
        }
    }

    /// <summary>Whether <paramref name="password"/> is the administrator's (false when none is set).</summary>
    /// <exception cref="InvalidDataException">The password file is damaged (the message names it and says how to fix it).</exception>
    public bool VerifyPassword(string password)
    {
        PasswordRecord? record;
        string? error;
        lock (_lock)
        {
            record = TryLoadPassword(out error);
        }

        if (error is not null)
        {
            throw new InvalidDataException(error);
        }

        if (record is null)
        {
            return false;
        }

        KdfGate.Wait();
        try
        {
            return PasswordHasher.Verify(password ?? string.Empty, record.Hash);
        }
        finally
        {
            KdfGate.Release();
        }
    }

    /// <summary>Creates a token named <paramref name="name"/>; returns it with its secret, which is shown once and never stored.</summary>
    /// <exception cref="ArgumentException">The name is empty, too long or already used.</exception>
    public (ApiToken Token, string Secret) CreateToken(string name)
    {
        name = (name ?? string.Empty).Trim();
        if (name.Length is 0 or > 64 || name.Any(char.IsControl))
        {
            throw new ArgumentException("a token needs a name of 1 to 64 printable characters", nameof(name));
        }

        lock (_lock)
        {
            var tokens = LoadTokens();
            if (tokens.Any(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                throw new ArgumentException($"a token named '{name}' exists already", nameof(name));
            }

            var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
            var secret = $"{TokenPrefix}{id}_{Base64Url(RandomNumberGenerator.GetBytes(32))}";
            var record = new TokenRecord(id, name, Digest(secret), _time.GetUtcNow());
            SaveTokens([.. tokens, record]);
            return (new ApiToken(id, name, record.Created), secret);
        }
    }

    /// <summary>The tokens, oldest first.</summary>
    public IReadOnlyList<ApiToken> ListTokens()
    {
        lock (_lock)
        {
            return [.. LoadTokens().Select(t => new ApiToken(t.Id, t.Name, t.Created))];
        }
    }

    /// <summary>Revokes token <paramref name="id"/>; false if there is none.</summary>
    public bool RevokeToken(string id)
    {
        lock (_lock)
        {
            var tokens = LoadTokens();
            var left = tokens.Where(t => !string.Equals(t.Id, id, StringComparison.Ordinal)).ToList();
            if (left.Count == tokens.Count)
            {
                return false;
            }

            SaveTokens(left);
            return true;
        }
    }

    /// <summary>The token whose secret is <paramref name="secret"/>, or null (unknown, revoked or malformed).</summary>
    public ApiToken? FindToken(string secret)
    {
        // fbx_<8 hex>_<43 base64url>
        if (secret is not { Length: 56 } || !secret.StartsWith(TokenPrefix, StringComparison.Ordinal) || secret[12] != '_')
        {
            return null;
        }

        var id = secret[4..12];
        TokenRecord? record;
        lock (_lock)
        {
            record = LoadTokens().FirstOrDefault(t => string.Equals(t.Id, id, StringComparison.Ordinal));
        }

        return record is not null && CryptographicOperations.FixedTimeEquals(Digest(secret), record.Digest)
            ? new ApiToken(record.Id, record.Name, record.Created)
            : null;
    }

    private PasswordRecord? TryLoadPassword(out string? error)
    {
        error = null;
        var stamp = FileStamp.Of(PasswordPath);
        if (stamp == _passwordStamp && _password is not null)
        {
            return _password;
        }

        if (!stamp.Exists)
        {
            _password = null;
            _passwordStamp = stamp;
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(PasswordPath));
            var hash = json.RootElement.GetProperty("hash").GetString() ?? throw new FormatException("'hash' is null");
            _ = PasswordHasher.ParametersOf(hash);
            var recordStamp = json.RootElement.GetProperty("stamp").GetString() ?? throw new FormatException("'stamp' is null");
            var changed = json.RootElement.TryGetProperty("changed", out var c) && c.TryGetDateTimeOffset(out var when) ? when : DateTimeOffset.MinValue;
            _password = new PasswordRecord(hash, recordStamp, changed);
            _passwordStamp = stamp;
            return _password;
        }
        catch (Exception e) when (e is JsonException or FormatException or KeyNotFoundException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            error = $"{PasswordPath}: unreadable ({e.Message}); set a new password with 'faxbox admin passwd'";
            return null;
        }
    }

    private List<TokenRecord> LoadTokens()
    {
        var stamp = FileStamp.Of(TokensPath);
        if (stamp == _tokensStamp)
        {
            return _tokens;
        }

        var tokens = new List<TokenRecord>();
        if (stamp.Exists)
        {
            try
            {
                using var json = JsonDocument.Parse(File.ReadAllBytes(TokensPath));
                foreach (var t in json.RootElement.EnumerateArray())
                {
                    tokens.Add(new TokenRecord(
                        t.GetProperty("id").GetString()!,
                        t.GetProperty("name").GetString()!,
                        Convert.FromHexString(t.GetProperty("sha256").GetString()!),
                        t.GetProperty("created").GetDateTimeOffset()));
                }
            }
            catch (Exception e) when (e is JsonException or FormatException or KeyNotFoundException or InvalidOperationException or NullReferenceException)
            {
                // Fail closed: no token is accepted until the file is fixed or rewritten (creating a token rewrites it).
                throw new InvalidDataException($"{TokensPath}: unreadable ({e.Message}); no API token is accepted", e);
            }
        }

        _tokens = tokens;
        _tokensStamp = stamp;
        return tokens;
    }

    private void SaveTokens(List<TokenRecord> tokens)
    {
        var array = new JsonArray();
        foreach (var t in tokens)
        {
            array.Add(new JsonObject
            {
                ["id"] = t.Id,
                ["name"] = t.Name,
                ["sha256"] = Convert.ToHexStringLower(t.Digest),
                ["created"] = t.Created.ToString("O", CultureInfo.InvariantCulture),
            });
        }

        Write(TokensPath, array.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        _tokens = tokens;
        _tokensStamp = FileStamp.Of(TokensPath);
    }

    private void Write(string path, string text)
    {
        try
        {
            SecureFile.WriteAtomic(path, Encoding.UTF8.GetBytes(text));
        }
        catch (UnauthorizedAccessException e)
        {
            throw new IOException($"{path}: cannot be written ({e.Message})", e);
        }
    }

    private static byte[] Digest(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private sealed record PasswordRecord(string Hash, string Stamp, DateTimeOffset Changed);

    private sealed record TokenRecord(string Id, string Name, byte[] Digest, DateTimeOffset Created);

    /// <summary>What tells a file changed: existence, length, last write time.</summary>
    private readonly record struct FileStamp(bool Exists, long Length, DateTime Written)
    {
        public static FileStamp Of(string path)
        {
            var info = new FileInfo(path);
            return info.Exists ? new FileStamp(true, info.Length, info.LastWriteTimeUtc) : new FileStamp(false, 0, default);
        }
    }
}
