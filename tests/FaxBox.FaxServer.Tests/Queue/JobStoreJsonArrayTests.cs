using System.Text.Json;
using FaxBox.FaxServer.Queue;

namespace FaxBox.FaxServer.Tests.Queue;

/// <summary>
/// <see cref="JobStore.JsonStringArray"/>: the account and destination lists given to json_each, written without
/// JsonSerializer's reflection path, are the same text JsonSerializer wrote.
/// </summary>
public sealed class JobStoreJsonArrayTests
{
    public static TheoryData<string?[]> Lists => new()
    {
        Array.Empty<string?>(),
        new string?[] { "local" },
        new string?[] { null, "local", null, "trunk" },
        new string?[] { "+49 30 1234", "sip:fax@example.com", "quote\"back\\slash", "<html>&'", "Grüße", "tab\tnew\nline", "😀" },
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public void The_text_is_what_JsonSerializer_wrote_without_the_nulls(string?[] values)
    {
        var expected = JsonSerializer.Serialize(values.Where(v => v is not null));

        Assert.Equal(expected, JobStore.JsonStringArray(values));
    }

    [Fact]
    public void SQLite_json_each_reads_every_value_back()
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM json_each($list) ORDER BY key";
        string?[] values = ["a", null, "Grüße \"x\"", "😀"];
        command.Parameters.AddWithValue("$list", JobStore.JsonStringArray(values));
        var read = new List<string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                read.Add(reader.GetString(0));
            }
        }

        Assert.Equal(["a", "Grüße \"x\"", "😀"], read);
    }
}
