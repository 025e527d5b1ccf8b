using FaxBox.Testing;

namespace FaxBox.Host.Tests;

public sealed class LineCommandTests
{
    private static string SimulatorBoard => Path.Combine(TestPaths.Repository, "board-config", "simulator.json");

    [Theory]
    [InlineData("US")]
    [InlineData("NL")]
    [InlineData("JP")]
    public void SelfTestOfTheSimulatorBoardPasses(string region)
    {
        var (exit, output, error) = CommandLineRunner.Run("line", "test", "--board", SimulatorBoard, "--region", region);

        Assert.Equal(string.Empty, error);
        Assert.Equal(0, exit);
        Assert.Contains("PASS ring: answered after", output, StringComparison.Ordinal);
        Assert.Contains("PASS digits: \"123#\" by Dtmf", output, StringComparison.Ordinal);
        Assert.Contains("PASS DTMF: the exchange stopped dial tone", output, StringComparison.Ordinal);
        Assert.EndsWith("PASS" + Environment.NewLine, output, StringComparison.Ordinal);
    }

    [Fact]
    public void OnePortCanBeChosen()
    {
        var (exit, output, _) = CommandLineRunner.Run("line", "test", "--board", SimulatorBoard, "--port", "1");

        Assert.Equal(0, exit);
        Assert.Contains("port 1 (fxo1", output, StringComparison.Ordinal);
        Assert.DoesNotContain("port 0", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--port", "7", "has no port 7 (ports: 0, 1)")]
    [InlineData("--region", "XX", "unknown line region 'XX'; known regions: US, UK")]
    public void BadArgumentsAreNamed(string option, string value, string expected)
    {
        var (exit, _, error) = CommandLineRunner.Run("line", "test", "--board", SimulatorBoard, option, value);

        Assert.Equal(1, exit);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void ABrokenBoardFileNamesTheKey()
    {
        using var folder = TestPaths.NewTempFolder();
        var file = folder.File("board.json");
        File.WriteAllText(file, """{ "name": "x", "kind": "simulator", "ports": [ { "index": 0, "type": "fxq", "part": "simulated", "label": "a" } ] }""");

        var (exit, _, error) = CommandLineRunner.Run("line", "test", "--board", file);

        Assert.Equal(1, exit);
        Assert.StartsWith("faxbox: " + file, error, StringComparison.Ordinal);
        Assert.Contains("type", error, StringComparison.Ordinal);
    }
}
