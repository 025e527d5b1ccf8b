namespace FaxBox.Fax.Managed.Tests.T30;

/// <summary>Tests that read the process-wide heap size run alone, not beside other tests that allocate.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryCollection
{
    public const string Name = "Process-wide memory measurements";
}
