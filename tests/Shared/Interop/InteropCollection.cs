namespace FaxBox.Testing.Interop;

/// <summary>Real-peer tests run one after another: each starts kamailio/sipp processes and the machine has 2 cores.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class InteropCollection
{
    public const string Name = "Interop with real SIP peers";
}
