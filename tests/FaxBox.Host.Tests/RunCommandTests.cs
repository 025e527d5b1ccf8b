namespace FaxBox.Host.Tests;

/// <summary><c>faxbox run</c> validates its board file before it starts anything.</summary>
public sealed class RunCommandTests
{
    [Fact]
    public void A_broken_board_file_stops_the_box_with_every_error_naming_file_and_key()
    {
        using var folder = TestPaths.NewTempFolder();
        var file = folder.File("board.json");
        File.WriteAllText(file, """
            { "name": "x", "kind": "simulator",
              "ports": [ { "index": 0, "type": "fxq", "part": "simulated", "label": "a" },
                         { "index": 1, "type": "fxo", "part": "simulated", "label": "b", "colour": "red" } ] }
            """);

        var (exit, output, error) = CommandLineRunner.Run("run", "--board", file);

        Assert.Equal(1, exit);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains(lines, l => l.StartsWith($"faxbox: {file}: ports[0].type", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"faxbox: {file}: ports[1].colour", StringComparison.Ordinal));
        Assert.DoesNotContain("readiness", output, StringComparison.Ordinal);
    }
}
