using System.Diagnostics;
using Rmote.Integration.Tests.Support;
using Rmote.TestKit.Ssh;
using Rmote.TestTools;
using Rmote.Transports;
using Rmote.Transports.SshNet;

namespace Rmote.Integration.Tests.Ssh;

/// <summary>The SSH.NET exec channel when the agent misbehaves: killed by a signal, or stopped while the host writes.</summary>
[Collection(SshCollection.Name)]
public sealed class SshNetChannelTests(SshdFixture sshd)
{
    private SshOptions Ssh => sshd.Options() with { Implementation = SshImplementation.SshNet };

    [Fact]
    public async Task An_agent_killed_by_a_signal_is_a_failed_exit_never_a_clean_one()
    {
        var cache = sshd.NewCacheDirectory();
        var options = new RmoteOptions { AgentCacheDirectory = cache, ConnectTimeout = AgentTestSupport.ConnectTimeout };
        await using var transport = await AgentTransports.ConnectSshAsync("127.0.0.1", Ssh, options, default).Within(Bounds.Generous, "connect");
        await AgentTestSupport.ReachesProtocolReadyAsync(transport);
        var agent = Assert.Single(LoopbackSshd.ProcessesRunningFrom(cache));

        Process.GetProcessById(agent).Kill();

        Assert.Equal(SshNetAgentTransport.NoExitStatus, await transport.Exited.Within(Bounds.Generous, "the channel's end"));
        Assert.Contains("without an exit status (signal KILL)", transport.StandardErrorTail);
        Assert.Null(transport.ProcessId);
    }

    [Fact]
    public async Task An_agent_that_stops_reading_fails_the_writing_call_within_the_heartbeat_bound()
    {
        var heartbeat = TimeSpan.FromMilliseconds(500);
        var options = new RmoteOptions
        {
            AgentCacheDirectory = sshd.NewCacheDirectory(),
            ConnectTimeout = AgentTestSupport.ConnectTimeout,
            HeartbeatInterval = heartbeat,
            Reconnect = ReconnectPolicy.Disabled,
        };
        var connection = await RmoteConnection.ConnectSshAsync("127.0.0.1", Ssh, options).Within(Bounds.Generous, "connect");
        var agent = await connection.CallAsync(() => HostScenarios.ProcessId());
        Assert.True(ProcessSignals.Send(agent, 19)); // SIGSTOP: the agent reads nothing more, the SSH window fills
        try
        {
            var payload = new byte[48 * 1024 * 1024];
            Random.Shared.NextBytes(payload);
            var clock = Stopwatch.StartNew();
            var outcome = await Bounds.Outcome(connection.CallAsync(() => HostScenarios.Reverse(payload)), clock)
                .Within(Bounds.Generous, "a call writing to a stopped agent");

            Assert.IsType<ConnectionLostException>(outcome.Failure);
            Assert.True(outcome.At < heartbeat * 3 + TimeSpan.FromSeconds(5), $"failed after {outcome.At}");
            await connection.DisposeAsync().AsTask().Within(Bounds.Generous, "disposing");
        }
        finally
        {
            ProcessSignals.Send(agent, 9);
        }
    }
}
