using System.Diagnostics;
using Rmote.Integration.Tests.Docs;
using Rmote.TestKit.Ssh;

namespace Rmote.Integration.Tests.Ssh;

/// <summary>Whole connections over a real sshd: calls work, and nothing is left running on the target afterwards.</summary>
[Collection(SshCollection.Name)]
public sealed class SshConnectionTests(SshdFixture sshd)
{
    [Fact]
    public async Task A_call_over_ssh_runs_on_the_agent_and_dispose_leaves_no_agent_behind()
    {
        var cache = sshd.NewCacheDirectory();
        var options = new RmoteOptions { AgentCacheDirectory = cache, ConnectTimeout = AgentTestSupport.ConnectTimeout };

        await using (var connection = await RmoteConnection.ConnectSshAsync("127.0.0.1", sshd.Options(), options))
        {
            Assert.Equal(Environment.MachineName, await connection.CallAsync(() => Inventory.Hostname()));
            Assert.NotEmpty(AgentsRunningFrom(cache));
        }

        // The agent sees its stdin close when ssh goes away and must exit by itself (sshd only closes the pipes).
        var clock = Stopwatch.StartNew();
        while (AgentsRunningFrom(cache).Count > 0 && clock.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(50);
        Assert.Empty(AgentsRunningFrom(cache));
    }

    private static IReadOnlyList<int> AgentsRunningFrom(string directory) => LoopbackSshd.ProcessesRunningFrom(directory);
}
