namespace Rmote.Integration.Tests.Resilience;

/// <summary>
/// The resilience tests measure how fast faults are noticed and kill, stop and restart agents: they run one at a time
/// so that timings and memory figures are not disturbed by each other.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ResilienceCollection
{
    public const string Name = "Resilience";
}
