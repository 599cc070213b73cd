using System.Runtime.CompilerServices;
using Rmote.Integration.Tests.Rpc;
using Rmote.Integration.Tests.Support;
using Xunit.Abstractions;

namespace Rmote.Integration.Tests.Ssh;

/// <summary>
/// The same core RPC behaviours as <see cref="LocalCoreRpcTests"/>, over a real sshd: the agent is bootstrapped through
/// ssh and a POSIX shell (uploaded once into this class's cache directory, reused afterwards).
/// </summary>
[Collection(SshCollection.Name)]
public sealed class SshCoreRpcTests(SshdFixture sshd, SharedConnection shared, ITestOutputHelper output) : CoreRpcBehaviours(shared, output)
{
    // One cache for the whole class (inside the fixture's directory, so it is removed with it): upload once, reuse.
    private static readonly ConditionalWeakTable<SshdFixture, string> Caches = new();

    private string Cache => Caches.GetValue(sshd, fixture => fixture.NewCacheDirectory());

    // Each blocking call also crosses sshd and ssh; the bound stays well below 40 × 0.5 s run one after another.
    protected override TimeSpan FortyBlockingCallsBound => TimeSpan.FromSeconds(4);

    protected override Task<RmoteConnection> ConnectAsync(RmoteOptions? options = null) =>
        RmoteConnection.ConnectSshAsync("127.0.0.1", sshd.Options() with { Implementation = SshImplementation.OpenSsh },
            (options ?? new RmoteOptions()) with { AgentCacheDirectory = Cache, ConnectTimeout = AgentTestSupport.ConnectTimeout });
}
