using Rmote.Integration.Tests.Support;
using Xunit.Abstractions;

namespace Rmote.Integration.Tests.Ssh;

/// <summary>The core RPC behaviours over the in-process SSH.NET transport.</summary>
[Collection(SshCollection.Name)]
public sealed class SshNetCoreRpcTests(SshdFixture sshd, SharedConnection shared, ITestOutputHelper output)
    : SshCoreRpcBehaviours(sshd, shared, output)
{
    protected override SshImplementation Implementation => SshImplementation.SshNet;
}
