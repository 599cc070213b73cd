namespace Rmote.Integration.Tests.Rpc;

/// <summary>
/// Tests that measure time (concurrency, death detection, timeouts) or count this process's agent children: they run
/// one class after another and not in parallel with the rest of the project, so neither other tests' agents nor their
/// CPU use skew what they see.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RpcTimingCollection
{
    /// <summary>The collection name.</summary>
    public const string Name = "rpc timing";
}
