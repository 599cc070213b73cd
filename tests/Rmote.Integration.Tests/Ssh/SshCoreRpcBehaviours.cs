using System.Runtime.CompilerServices;
using Rmote.Integration.Tests.Rpc;
using Rmote.Integration.Tests.Support;
using Xunit.Abstractions;

namespace Rmote.Integration.Tests.Ssh;

/// <summary>
/// The core RPC behaviours over a real sshd with one SSH client (<see cref="Implementation"/>): the agent is
/// bootstrapped through the remote shell, uploaded once into a cache shared by these classes, reused afterwards.
/// </summary>
public abstract class SshCoreRpcBehaviours(SshdFixture sshd, SharedConnection shared, ITestOutputHelper output)
    : CoreRpcBehaviours(shared, output)
{
    // One cache per sshd (inside the fixture's directory, so it is removed with it): upload once, reuse.
    private static readonly ConditionalWeakTable<SshdFixture, string> Caches = new();

    /// <summary>The SSH client these tests run over.</summary>
    protected abstract SshImplementation Implementation { get; }

    private string Cache => Caches.GetValue(sshd, fixture => fixture.NewCacheDirectory());

    // Each blocking call also crosses sshd and ssh; the bound stays well below 40 × 0.5 s run one after another.
    protected override TimeSpan FortyBlockingCallsBound => TimeSpan.FromSeconds(4);

    protected override Task<RmoteConnection> ConnectAsync(RmoteOptions? options = null) =>
        RmoteConnection.ConnectSshAsync("127.0.0.1", sshd.Options() with { Implementation = Implementation },
            (options ?? new RmoteOptions()) with { AgentCacheDirectory = Cache, ConnectTimeout = AgentTestSupport.ConnectTimeout });
}
