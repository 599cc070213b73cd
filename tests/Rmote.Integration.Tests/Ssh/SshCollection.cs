namespace Rmote.Integration.Tests.Ssh;

/// <summary>
/// The tests sharing one sshd. They run one after another (xUnit runs a collection's tests sequentially), which also
/// keeps the 20-connection fan-out from competing with other SSH tests for the 2 cores.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SshCollection : ICollectionFixture<SshdFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "sshd";
}
