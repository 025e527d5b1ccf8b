using FaxBox.FaxServer.Storage;
using Microsoft.Data.Sqlite;

namespace FaxBox.FaxServer.Tests.Storage;

/// <summary>FaxBox's own binding to Debian's libsqlite3, checked against Microsoft.Data.Sqlite reading the same file.</summary>
public sealed class SqliteDatabaseTests : IDisposable
{
    private readonly TempFolder _folder = TestPaths.NewTempFolder();

    public void Dispose() => _folder.Dispose();

    private SqliteDatabase Open() => SqliteDatabase.Open(_folder.File("t.db"), TimeSpan.FromSeconds(1));

    [Fact]
    public void Bound_values_of_every_kind_come_back_as_written_and_another_SQLite_library_reads_them_alike()
    {
        using (var db = Open())
        {
            db.Execute("CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER, r REAL, s TEXT, z TEXT)");
            using var insert = db.Command("INSERT INTO t (n, r, s, z) VALUES ($n, $r, $s, $z) RETURNING id");
            insert.Bind("$n", long.MinValue);
            insert.Bind("$r", 0.25);
            insert.Bind("$s", "Grüße, O'Brien \"ﬁ\" 日本");
            insert.Bind("$z", null);
            Assert.Equal(1L, insert.ExecuteScalar());

            using var select = db.Command("SELECT n, r, s, z FROM t WHERE id = $id");
            select.Bind("$id", 1);
            Assert.True(select.Read());
            Assert.Equal(long.MinValue, select.GetInt64(0));
            Assert.Equal("Grüße, O'Brien \"ﬁ\" 日本", select.GetString(2));
            Assert.True(select.IsDBNull(3));
            Assert.False(select.IsDBNull(0));
            Assert.Throws<InvalidOperationException>(() => select.GetString(3));
            Assert.False(select.Read());
        }

        using var other = new SqliteConnection($"Data Source={_folder.File("t.db")};Pooling=False");
        other.Open();
        using var cmd = other.CreateCommand();
        cmd.CommandText = "SELECT n, r, s, z IS NULL FROM t";
        using var r = cmd.ExecuteReader();
        Assert.True(r.Read());
        Assert.Equal((long.MinValue, 0.25, "Grüße, O'Brien \"ﬁ\" 日本", 1L), (r.GetInt64(0), r.GetDouble(1), r.GetString(2), r.GetInt64(3)));
    }

    [Fact]
    public void A_script_runs_every_statement_with_the_parameters_each_names_and_reports_the_last_one_s_changes()
    {
        using var db = Open();
        db.Execute("CREATE TABLE t (k TEXT, v INTEGER)");
        using var script = db.Command("""
            INSERT INTO t VALUES ('a', $one);
            -- a comment between statements
            INSERT INTO t VALUES ('b', $two);
            UPDATE t SET v = v + $one;
            """);
        script.Bind("$one", 1);
        script.Bind("$two", true);

        Assert.Equal(2, script.ExecuteNonQuery());
        Assert.Equal(2L, db.Scalar("SELECT v FROM t WHERE k = 'a'"));
        Assert.Equal(2L, db.Scalar("SELECT v FROM t WHERE k = 'b'"));
        Assert.Equal(DBNull.Value, db.Scalar("SELECT NULL"));
        Assert.Null(db.Scalar("SELECT v FROM t WHERE k = 'none'"));
    }

    [Fact]
    public void A_transaction_disposed_without_commit_is_rolled_back_and_a_committed_one_stays()
    {
        using var db = Open();
        db.Execute("CREATE TABLE t (v INTEGER)");
        using (var tx = db.BeginTransaction())
        {
            db.Execute("INSERT INTO t VALUES (1)");
        }

        using (var tx = db.BeginTransaction())
        {
            db.Execute("INSERT INTO t VALUES (2)");
            tx.Commit();
        }

        Assert.Equal(1L, db.Scalar("SELECT COUNT(*) FROM t"));
        Assert.Equal(2L, db.Scalar("SELECT v FROM t"));
    }

    [Fact]
    public void SQLite_errors_carry_SQLite_s_code_and_message()
    {
        using var db = Open();
        var syntax = Assert.Throws<SqliteFailureException>(() => db.Execute("SELEC 1"));
        Assert.Equal(1, syntax.Code);
        Assert.Contains("syntax error", syntax.Message, StringComparison.Ordinal);

        db.Execute("CREATE TABLE t (v INTEGER NOT NULL)");
        using var insert = db.Command("INSERT INTO t VALUES ($v)");
        insert.Bind("$v", DBNull.Value);
        var constraint = Assert.Throws<SqliteFailureException>(() => insert.ExecuteNonQuery());
        Assert.Equal(19, constraint.Code);
        Assert.Contains("NOT NULL", constraint.Message, StringComparison.Ordinal);

        Assert.Throws<ArgumentException>(() => insert.Bind("$v", new object()));
        using var none = db.Command("SELECT v FROM t");
        Assert.Throws<InvalidOperationException>(() => none.GetInt64(0));
    }

    [Fact]
    public void A_file_that_is_not_a_database_fails_at_the_first_statement_with_code_26_and_is_left_as_it_was()
    {
        var path = _folder.File("t.db");
        File.WriteAllText(path, new string('x', 4096));

        using var db = Open();
        var e = Assert.Throws<SqliteFailureException>(() => db.Scalar("PRAGMA journal_mode = WAL"));

        Assert.Equal(26, e.Code);
        Assert.Equal(new string('x', 4096), File.ReadAllText(path));
    }

    [Fact]
    public void A_folder_that_does_not_exist_cannot_be_opened_with_code_14()
    {
        var e = Assert.Throws<SqliteFailureException>(() => SqliteDatabase.Open(_folder.File("missing/t.db"), TimeSpan.Zero));

        Assert.Equal(14, e.Code);
    }
}
