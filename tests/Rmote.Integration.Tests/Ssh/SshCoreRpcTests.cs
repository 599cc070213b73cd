using Rmote.Integration.Tests.Support;
using Xunit.Abstractions;

namespace Rmote.Integration.Tests.Ssh;

/// <summary>The same core RPC behaviours as <see cref="Rpc.LocalCoreRpcTests"/>, over the OpenSSH client.</summary>
[Collection(SshCollection.Name)]
public sealed class SshCoreRpcTests(SshdFixture sshd, SharedConnection shared, ITestOutputHelper output)
    : SshCoreRpcBehaviours(sshd, shared, output)
{
    protected override SshImplementation Implementation => SshImplementation.OpenSsh;
}
