using System.Diagnostics;
using Rmote.Integration.Tests.Support;
using Rmote.TestKit.Ssh;
using Rmote.TestTools;

namespace Rmote.Integration.Tests.Ssh;

/// <summary>sshd dies (with its sessions) in the middle of a call: the call fails within the heartbeat bound, both clients.</summary>
[Collection(SshCollection.Name)]
public sealed class SshdCrashTests
{
    [Theory]
    [InlineData(SshImplementation.OpenSsh)]
    [InlineData(SshImplementation.SshNet)]
    public async Task A_call_fails_within_the_heartbeat_bound_when_sshd_is_killed(SshImplementation implementation)
    {
        await using var sshd = new LoopbackSshd(); // its own: this test kills it
        await sshd.StartAsync().Within(Bounds.Generous, "starting sshd");
        var heartbeat = TimeSpan.FromMilliseconds(500);
        var options = new RmoteOptions
        {
            AgentCacheDirectory = sshd.NewCacheDirectory(),
            ConnectTimeout = AgentTestSupport.ConnectTimeout,
            HeartbeatInterval = heartbeat,
            MissedHeartbeats = 3,
            Reconnect = ReconnectPolicy.Disabled,
        };
        await using var connection = await RmoteConnection.ConnectSshAsync("127.0.0.1",
            sshd.Options() with { Implementation = implementation }, options).Within(Bounds.Generous * 2, "connect");
        var gate = Guid.NewGuid().ToString("N");
        var blocked = connection.CallAsync(() => HostScenarios.Block(gate));
        Assert.True(await connection.CallAsync(() => HostScenarios.WaitForBlockedAsync(gate, 1, 20_000)));

        var clock = Stopwatch.StartNew();
        await sshd.KillAsync();
        var outcome = await Bounds.Outcome(blocked, clock).Within(Bounds.Generous, "the blocked call");

        Assert.IsType<ConnectionLostException>(outcome.Failure);
        Assert.True(outcome.At < heartbeat * 3 + TimeSpan.FromSeconds(5), $"failed after {outcome.At}");
    }
}
