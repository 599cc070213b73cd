namespace Rmote.Integration.Tests.Fleet;

/// <summary>The fleet tests sharing one set of namespaced hosts; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class NetnsCollection : ICollectionFixture<NetnsFixture>
{
    public const string Name = "fleet-netns";
}
