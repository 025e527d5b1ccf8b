using FaxBox.CallControl.Configuration;
using FaxBox.Host.Configuration;
using FaxBox.LineInterface.Hardware.Boards;

namespace FaxBox.Host.Tests.Configuration;

/// <summary>The README's complete configuration example is a valid configuration and names every option.</summary>
public sealed class ReadmeExampleTests
{
    [Fact]
    public void The_readme_example_loads_with_the_reference_hat()
    {
        var config = Load();

        Assert.Equal("office-fax", config.Name);
        Assert.Equal(BoardKind.Hardware, config.BoardProfile.Kind);
        Assert.Equal("/var/lib/faxbox", config.DataFolder);
        Assert.True(config.Gateway.Accounts[0].Register);
        Assert.Equal(T38Initiation.AcceptOnly, config.Gateway.Ports[1].Fax!.T38);
        Assert.Equal(3, config.Gateway.Ports[1].Fax!.ImageRedundancy);
    }

    [Fact]
    public void The_readme_example_shows_every_key_the_option_classes_have()
    {
        var text = ExampleText();
        foreach (var type in new[] { typeof(SipAccountSettings), typeof(MediaOptions), typeof(FaxOptions), typeof(DialPlanOptions), typeof(PortSettings) })
        {
            foreach (var property in type.GetProperties().Where(p => p.SetMethod is { IsPublic: true }))
            {
                var key = System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(property.Name);
                Assert.True(text.Contains($"\"{key}\":", StringComparison.Ordinal), $"README example lacks {type.Name}.{property.Name} (\"{key}\")");
            }
        }
    }

    private static FaxBoxConfiguration Load()
    {
        var json = ExampleText().Replace(
            "/usr/share/faxbox/board-config/faxhat-rpi.json",
            Path.Combine(TestPaths.Repository, "board-config", "faxhat-rpi.json"),
            StringComparison.Ordinal);
        var result = FaxBoxConfiguration.Parse(json, "README.md");
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
        return result.Configuration!;
    }

    private static string ExampleText()
    {
        var readme = File.ReadAllText(Path.Combine(TestPaths.Repository, "README.md"));
        var section = readme.IndexOf("\n## Configuration", StringComparison.Ordinal);
        Assert.True(section >= 0, "README has no Configuration section");
        var start = readme.IndexOf("```jsonc\n", section, StringComparison.Ordinal) + "```jsonc\n".Length;
        var end = readme.IndexOf("\n```", start, StringComparison.Ordinal);
        return readme[start..end];
    }
}
