using Rmote.Integration.Tests.Support;
using Xunit.Abstractions;

namespace Rmote.Integration.Tests.Rpc;

/// <summary>The core RPC behaviours against a local agent (a child process of this test run).</summary>
[Collection(RpcTimingCollection.Name)]
public sealed class LocalCoreRpcTests(SharedConnection shared, ITestOutputHelper output) : CoreRpcBehaviours(shared, output)
{
    protected override Task<RmoteConnection> ConnectAsync(RmoteOptions? options = null) => RmoteConnection.StartLocalAsync(options);
}
