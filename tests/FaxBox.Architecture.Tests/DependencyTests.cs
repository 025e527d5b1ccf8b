using FaxBox.Testing;

namespace FaxBox.Architecture.Tests;

/// <summary>Fails on any project reference the house plan does not allow, so a new edge is a conscious decision.</summary>
public sealed class DependencyTests
{
    public static TheoryData<string> FirmwareProjects() => [.. ProjectGraph.Firmware];

    [Theory]
    [MemberData(nameof(FirmwareProjects))]
    public void Firmware_project_references_only_what_the_architecture_allows(string project)
    {
        if (project == "FaxBox.Host")
        {
            return; // the composition root may reference everything
        }

        Assert.True(DependencyRules.Allowed.TryGetValue(project, out var allowed), $"{project} is not in ARCHITECTURE.md's project table: add it there and to DependencyRules");
        var forbidden = ProjectGraph.References("firmware", project).Except(allowed!).ToList();
        Assert.True(forbidden.Count == 0, $"{project} must not reference {string.Join(", ", forbidden)}");
    }

    [Fact]
    public void Only_the_host_references_implementation_projects()
    {
        var offenders = ProjectGraph.Firmware
            .Where(p => p != "FaxBox.Host")
            .SelectMany(p => ProjectGraph.References("firmware", p).Where(DependencyRules.Implementations.Contains).Select(r => $"{p} -> {r}"))
            .ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public void Every_firmware_project_has_a_test_project()
    {
        var missing = ProjectGraph.Firmware.Where(p => !ProjectGraph.Tests.Contains(p + ".Tests")).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void Every_project_is_in_the_solution()
    {
        var solution = File.ReadAllText(Path.Combine(TestPaths.Repository, "FaxBox.sln"));
        var missing = ProjectGraph.Firmware.Concat(ProjectGraph.Tests).Concat(["FaxBox.Benchmarks"])
            .Where(p => !solution.Contains($"\"{p}\"", StringComparison.Ordinal))
            .ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void The_architecture_table_and_the_rules_name_the_same_projects()
    {
        var plan = Path.GetFullPath(Path.Combine(TestPaths.Shared, "design", "ARCHITECTURE.md"));
        var text = File.ReadAllText(plan);
        var named = DependencyRules.Allowed.Keys.Append("FaxBox.Host").Where(p => !text.Contains($"| {p} |", StringComparison.Ordinal)).ToList();
        Assert.Empty(named);
    }
}
