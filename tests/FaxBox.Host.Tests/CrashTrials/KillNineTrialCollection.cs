namespace FaxBox.Host.Tests.CrashTrials;

/// <summary>The kill trials run alone (no other test of the project meanwhile): they load both cores.</summary>
[CollectionDefinition(KillNineTrialTests.Name, DisableParallelization = true)]
public sealed class KillNineTrialCollection;
