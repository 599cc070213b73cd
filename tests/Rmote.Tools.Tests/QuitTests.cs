using Rmote.Tools.Tests.Infrastructure;

namespace Rmote.Tools.Tests;

public sealed class QuitTests
{
    [Fact]
    public async Task Exit_returns_then_the_agent_ends_and_later_calls_fail_with_ConnectionLostException()
    {
        await using var connection = await RmoteConnection.StartLocalAsync();

        await connection.CallAsync(() => Quit.Exit(0));

        await Assert.ThrowsAsync<ConnectionLostException>(() => connection.CallAsync(() => FileSystem.Exists("/")).WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task The_agent_exits_with_the_requested_code()
    {
        using var temp = new TempDirectory();
        var status = temp["status"];
        // The agent runs under "sh" (bootstrapped through it), which runs under a shell that records its exit status.
        var command = new[] { "sh", "-c", $"sh; echo $? > '{status}'" };
        await using var connection = await RmoteConnection.StartCommandAsync(command, new RmoteOptions { AgentCacheDirectory = temp["cache"] });

        await connection.CallAsync(() => Quit.Exit(3));
        // The outer shell holds the pipe open until it has written the status: the connection closes only after.
        await Assert.ThrowsAsync<ConnectionLostException>(() => connection.CallAsync(() => FileSystem.Exists("/")).WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal("3", (await File.ReadAllTextAsync(status)).Trim());
    }

    [Fact]
    public async Task An_exit_code_outside_0_to_255_is_refused_and_the_agent_keeps_running()
    {
        await using var connection = await RmoteConnection.StartLocalAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => connection.CallAsync(() => Quit.Exit(256)));

        Assert.True(await connection.CallAsync(() => FileSystem.Exists("/")));
    }
}
