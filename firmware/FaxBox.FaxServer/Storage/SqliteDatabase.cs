using System.Text;

namespace FaxBox.FaxServer.Storage;

/// <summary>
/// One connection to an SQLite database file through Debian's libsqlite3 (<see cref="SqliteNative"/>), with just what
/// the job database needs: statements with named parameters, rows, and write transactions. FaxBox's own binding rather
/// than Microsoft.Data.Sqlite, whose ADO.NET base (System.Data.Common, its connection-string regular expressions and
/// type descriptors) kept about 4 MiB resident in an idle box (README, "The idle box"). Not thread-safe: the caller locks.
/// </summary>
internal sealed unsafe class SqliteDatabase : IDisposable
{
    private nint _handle;

    private SqliteDatabase(nint handle, string path)
    {
        _handle = handle;
        Path = path;
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    internal nint Handle => _handle != 0 ? _handle : throw new ObjectDisposedException(nameof(SqliteDatabase));

    /// <summary>Opens (creating if absent) the database at <paramref name="path"/> for reading and writing.</summary>
    /// <exception cref="SqliteFailureException">SQLite cannot open it (the message says why).</exception>
    public static SqliteDatabase Open(string path, TimeSpan busyTimeout)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        fixed (byte* name = Utf8(path))
        {
            int rc = SqliteNative.Open(name, out nint handle, SqliteNative.OpenReadWrite | SqliteNative.OpenCreate | SqliteNative.OpenFullMutex, 0);
            if (rc != SqliteNative.Ok)
            {
                var failure = handle != 0 ? Failure(handle, rc) : new SqliteFailureException(rc, Text(SqliteNative.ErrorString(rc)));
                _ = SqliteNative.Close(handle);
                throw failure;
            }

            _ = SqliteNative.BusyTimeout(handle, (int)busyTimeout.TotalMilliseconds);
            return new SqliteDatabase(handle, path);
        }
    }

    /// <summary>A statement (or several, separated by semicolons, for <see cref="SqliteStatement.ExecuteNonQuery"/>).</summary>
    public SqliteStatement Command(string sql) => new(this, sql);

    /// <summary>Runs <paramref name="sql"/> (any number of statements, no parameters).</summary>
    public void Execute(string sql)
    {
        using var statement = Command(sql);
        statement.ExecuteNonQuery();
    }

    /// <summary>The first column of the first row of <paramref name="sql"/>, as <see cref="SqliteStatement.ExecuteScalar"/>.</summary>
    public object? Scalar(string sql)
    {
        using var statement = Command(sql);
        return statement.ExecuteScalar();
    }

    /// <summary>
    /// Begins a write transaction (<c>BEGIN IMMEDIATE</c>: the write lock is taken now, so it never has to be upgraded).
    /// Disposing it without <see cref="SqliteTransaction.Commit"/> rolls it back.
    /// </summary>
    public SqliteTransaction BeginTransaction()
    {
        Execute("BEGIN IMMEDIATE");
        return new SqliteTransaction(this);
    }

    /// <summary>Closes the connection (checkpointing the WAL).</summary>
    public void Dispose()
    {
        if (_handle != 0)
        {
            _ = SqliteNative.Close(_handle);
            _handle = 0;
        }
    }

    internal SqliteFailureException Failure(int rc) => Failure(Handle, rc);

    internal static byte[] Utf8(string text)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(text) + 1];
        Encoding.UTF8.GetBytes(text, bytes);
        return bytes;
    }

    internal static string Text(byte* utf8) => utf8 is null ? string.Empty : new string((sbyte*)utf8, 0, StrLen(utf8), Encoding.UTF8);

    private static SqliteFailureException Failure(nint handle, int rc) => new(rc, Text(SqliteNative.ErrorMessage(handle)));

    private static int StrLen(byte* text)
    {
        int n = 0;
        while (text[n] != 0)
        {
            n++;
        }

        return n;
    }
}

/// <summary>A write transaction of <see cref="SqliteDatabase.BeginTransaction"/>.</summary>
internal sealed class SqliteTransaction : IDisposable
{
    private readonly SqliteDatabase _database;
    private bool _done;

    internal SqliteTransaction(SqliteDatabase database) => _database = database;

    /// <summary>Commits; with <c>synchronous=FULL</c> the change is on disk when this returns.</summary>
    public void Commit()
    {
        _database.Execute("COMMIT");
        _done = true;
    }

    /// <summary>Rolls back unless committed.</summary>
    public void Dispose()
    {
        if (!_done)
        {
            _done = true;
            try
            {
                _database.Execute("ROLLBACK");
            }
            catch (SqliteFailureException)
            {
                // SQLite already rolled back (an I/O or full-disk error ends the transaction by itself).
            }
        }
    }
}

/// <summary>An SQLite error: its primary result code (https://sqlite.org/rescode.html) and SQLite's message.</summary>
public sealed class SqliteFailureException : Exception
{
    /// <summary>An error with SQLite's <paramref name="code"/> and <paramref name="message"/>.</summary>
    public SqliteFailureException(int code, string message)
        : base($"SQLite error {code & 0xFF}: {message}")
    {
        Code = code & 0xFF;
    }

    /// <summary>The primary result code: 8 read-only, 11 corrupt, 13 full, 14 cannot open, 26 not a database, ….</summary>
    public int Code { get; }
}
