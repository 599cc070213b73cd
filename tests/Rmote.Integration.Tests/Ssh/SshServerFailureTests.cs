using System.Diagnostics;
using Rmote.Integration.Tests.Support;
using Rmote.TestKit.Ssh;
using Rmote.TestTools;

namespace Rmote.Integration.Tests.Ssh;

/// <summary>
/// Servers that fail, for both clients: sshd dies (with its sessions) in the middle of a call, or a port accepts TCP
/// but never speaks SSH. Calls fail within the heartbeat bound, connects within the connect timeout.
/// </summary>
[Collection(SshCollection.Name)]
public sealed class SshServerFailureTests(SshdFixture sshd)
{
    [Theory]
    [InlineData(SshImplementation.OpenSsh)]
    [InlineData(SshImplementation.SshNet)]
    public async Task A_server_that_never_speaks_ssh_is_a_timeout_within_the_connect_timeout(SshImplementation implementation)
    {
        using var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start(); // the kernel accepts connections; nothing ever answers
        var port = ((System.Net.IPEndPoint)silent.LocalEndpoint).Port;
        var timeout = TimeSpan.FromSeconds(3);
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<RmoteConnectException>(() => RmoteConnection.ConnectSshAsync("127.0.0.1",
            sshd.Options() with { Implementation = implementation, Port = port },
            new RmoteOptions { ConnectTimeout = timeout, AgentCacheDirectory = sshd.NewCacheDirectory() }).Within(Bounds.Generous, "connect"));

        Assert.Equal(ConnectFailureReason.Timeout, error.Reason);
        Assert.True(clock.Elapsed < timeout + TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

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
