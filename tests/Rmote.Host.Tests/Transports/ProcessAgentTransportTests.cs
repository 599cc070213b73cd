using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Rmote.Transports;

namespace Rmote.Host.Tests.Transports;

public sealed class ProcessAgentTransportTests
{
    [Fact]
    public async Task The_local_agent_starts_from_the_bundle_and_says_PROTOCOL_READY()
    {
        await using var link = AgentTransports.StartLocal(new RmoteOptions());

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Assert.Equal("PROTOCOL READY", await link.Output.ReadLineAsync(timeout.Token));
        Assert.Equal("local", link.Target);
        Assert.False(link.Uploaded);
        Assert.True(link.ProcessId > 0);
    }

    [Fact]
    public async Task Disposing_closes_stdin_and_a_process_that_reads_it_exits_by_itself()
    {
        var link = ProcessAgentTransport.Start(["sh", "-c", "cat >/dev/null; exit 7"], "cat", NullLogger.Instance);

        await link.DisposeAsync();

        Assert.Equal(7, await link.Exited);
    }

    [Fact]
    public async Task Disposing_kills_a_process_tree_that_ignores_stdin_and_SIGTERM()
    {
        var link = ProcessAgentTransport.Start(["sh", "-c", "trap '' TERM; sleep 600 & wait; sleep 600"], "stubborn", NullLogger.Instance);
        var clock = Stopwatch.StartNew();

        await link.DisposeAsync();
        await link.DisposeAsync(); // idempotent

        Assert.True(link.Exited.IsCompleted);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
        Assert.Throws<ArgumentException>(() => Process.GetProcessById(link.ProcessId!.Value));
    }

    [Fact]
    public async Task Stderr_is_captured()
    {
        await using var link = ProcessAgentTransport.Start(["sh", "-c", "echo 'ssh: Could not resolve hostname nope' >&2"], "sh", NullLogger.Instance);

        Assert.Equal("ssh: Could not resolve hostname nope", await link.ReadFinalStandardErrorAsync(TimeSpan.FromSeconds(30)));
    }
}
