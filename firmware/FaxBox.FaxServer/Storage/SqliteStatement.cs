using System.Text;

namespace FaxBox.FaxServer.Storage;

/// <summary>
/// SQL text with named parameters (<c>$name</c>) on a <see cref="SqliteDatabase"/>: run it to the end
/// (<see cref="ExecuteNonQuery"/>, every statement of the text), take one value (<see cref="ExecuteScalar"/>), or step
/// through the rows of its first statement (<see cref="Read"/> and the getters).
/// </summary>
internal sealed unsafe class SqliteStatement : IDisposable
{
    private readonly SqliteDatabase _database;
    private readonly List<(byte[] Name, object? Value)> _parameters = [];
    private string _sql;
    private nint _reading;
    private bool _exhausted;

    internal SqliteStatement(SqliteDatabase database, string sql)
    {
        _database = database;
        _sql = sql;
    }

    /// <summary>The SQL; setting it ends a read in progress (parameters are kept).</summary>
    public string CommandText
    {
        get => _sql;
        set
        {
            EndRead();
            _sql = value;
        }
    }

    /// <summary>
    /// Binds <paramref name="name"/> (with its <c>$</c>) in every statement that uses it: null or <see cref="DBNull"/> is
    /// NULL; integers and booleans are INTEGER; <see cref="double"/> is REAL; strings are TEXT.
    /// </summary>
    public void Bind(string name, object? value)
    {
        if (value is not (null or DBNull or long or int or bool or double or string))
        {
            throw new ArgumentException($"cannot bind a {value.GetType().Name} to {name}", nameof(value));
        }

        _parameters.Add((SqliteDatabase.Utf8(name), value));
    }

    /// <summary>Runs every statement of the text to its end; the rows changed by the last one.</summary>
    public int ExecuteNonQuery()
    {
        EndRead();
        var sql = SqliteDatabase.Utf8(_sql);
        int changes = 0;
        fixed (byte* start = sql)
        {
            byte* next = start;
            while (true)
            {
                nint statement = Prepare(start, ref next, sql.Length);
                if (statement == 0)
                {
                    return changes;
                }

                try
                {
                    int rc;
                    while ((rc = SqliteNative.Step(statement)) == SqliteNative.Row)
                    {
                    }

                    if (rc != SqliteNative.Done)
                    {
                        throw _database.Failure(rc);
                    }

                    changes = SqliteNative.Changes(_database.Handle);
                }
                finally
                {
                    _ = SqliteNative.Finalize(statement);
                }
            }
        }
    }

    /// <summary>The first column of the first row (a long, double or string; <see cref="DBNull"/> for NULL); null without rows.</summary>
    public object? ExecuteScalar()
    {
        EndRead();
        try
        {
            return Read() ? GetValue(0) : null;
        }
        finally
        {
            EndRead();
        }
    }

    /// <summary>Steps to the next row of the first statement; false after the last.</summary>
    public bool Read()
    {
        if (_exhausted)
        {
            return false;
        }

        if (_reading == 0)
        {
            var sql = SqliteDatabase.Utf8(_sql);
            fixed (byte* start = sql)
            {
                byte* next = start;
                _reading = Prepare(start, ref next, sql.Length);
            }

            if (_reading == 0)
            {
                _exhausted = true;
                return false;
            }
        }

        int rc = SqliteNative.Step(_reading);
        if (rc == SqliteNative.Row)
        {
            return true;
        }

        if (rc != SqliteNative.Done)
        {
            throw _database.Failure(rc);
        }

        _exhausted = true;
        return false;
    }

    /// <summary>True when the current row's <paramref name="column"/> is NULL.</summary>
    public bool IsDBNull(int column) => SqliteNative.ColumnType(Row, column) == SqliteNative.TypeNull;

    /// <summary>The current row's <paramref name="column"/> as an integer.</summary>
    public long GetInt64(int column) => SqliteNative.ColumnInt64(Row, column);

    /// <summary>The current row's <paramref name="column"/> as a 32-bit integer (checked).</summary>
    public int GetInt32(int column) => checked((int)GetInt64(column));

    /// <summary>The current row's <paramref name="column"/> as text; a NULL is an error.</summary>
    public string GetString(int column)
    {
        byte* text = SqliteNative.ColumnText(Row, column);
        if (text is null)
        {
            throw new InvalidOperationException($"column {column} is NULL");
        }

        return Encoding.UTF8.GetString(text, SqliteNative.ColumnBytes(Row, column));
    }

    /// <summary>Finalizes the statement being read.</summary>
    public void Dispose() => EndRead();

    private nint Row => _reading != 0 && !_exhausted ? _reading : throw new InvalidOperationException("no current row: call Read first");

    private object GetValue(int column) => SqliteNative.ColumnType(Row, column) switch
    {
        1 => GetInt64(column),
        2 => SqliteNative.ColumnDouble(Row, column),
        SqliteNative.TypeNull => DBNull.Value,
        _ => GetString(column),
    };

    private void EndRead()
    {
        if (_reading != 0)
        {
            _ = SqliteNative.Finalize(_reading);
            _reading = 0;
        }

        _exhausted = false;
    }

    /// <summary>Compiles the statement at <paramref name="next"/> (0 when only blanks remain) and binds the parameters it names.</summary>
    private nint Prepare(byte* start, ref byte* next, int length)
    {
        while (true)
        {
            int remaining = length - 1 - (int)(next - start);
            if (remaining <= 0)
            {
                return 0;
            }

            int rc = SqliteNative.Prepare(_database.Handle, next, remaining, out nint statement, out byte* tail);
            if (rc != SqliteNative.Ok)
            {
                throw _database.Failure(rc);
            }

            next = tail;
            if (statement == 0)
            {
                continue; // a blank or a comment between statements
            }

            try
            {
                BindAll(statement);
            }
            catch
            {
                _ = SqliteNative.Finalize(statement);
                throw;
            }

            return statement;
        }
    }

    private void BindAll(nint statement)
    {
        foreach (var (name, value) in _parameters)
        {
            int index;
            fixed (byte* n = name)
            {
                index = SqliteNative.ParameterIndex(statement, n);
            }

            if (index == 0)
            {
                continue; // another statement of the text uses it
            }

            int rc = value switch
            {
                null or DBNull => SqliteNative.BindNull(statement, index),
                long l => SqliteNative.BindInt64(statement, index, l),
                int i => SqliteNative.BindInt64(statement, index, i),
                bool b => SqliteNative.BindInt64(statement, index, b ? 1 : 0),
                double d => SqliteNative.BindDouble(statement, index, d),
                _ => BindText(statement, index, (string)value), // Bind admits nothing else
            };
            if (rc != SqliteNative.Ok)
            {
                throw _database.Failure(rc);
            }
        }
    }

    private static int BindText(nint statement, int index, string text)
    {
        var bytes = SqliteDatabase.Utf8(text);
        fixed (byte* b = bytes)
        {
            return SqliteNative.BindText(statement, index, b, bytes.Length - 1, SqliteNative.Transient);
        }
    }
}
