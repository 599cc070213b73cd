using System.Runtime.CompilerServices;
using Rmote.Integration.Tests.Rpc;
using Rmote.Integration.Tests.Support;
using Xunit.Abstractions;

namespace Rmote.Integration.Tests.Ssh;

/// <summary>The core RPC behaviours over the in-process SSH.NET transport against the loopback sshd.</summary>
[Collection(SshCollection.Name)]
public sealed class SshNetCoreRpcTests(SshdFixture sshd, SharedConnection shared, ITestOutputHelper output) : CoreRpcBehaviours(shared, output)
{
    private static readonly ConditionalWeakTable<SshdFixture, string> Caches = new();

    private string Cache => Caches.GetValue(sshd, fixture => fixture.NewCacheDirectory());

    protected override TimeSpan FortyBlockingCallsBound => TimeSpan.FromSeconds(4);

    protected override Task<RmoteConnection> ConnectAsync(RmoteOptions? options = null) =>
        RmoteConnection.ConnectSshAsync("127.0.0.1", sshd.Options() with { Implementation = SshImplementation.SshNet },
            (options ?? new RmoteOptions()) with { AgentCacheDirectory = Cache, ConnectTimeout = AgentTestSupport.ConnectTimeout });
}
