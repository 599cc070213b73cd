using Rmote.Agent.Tests.Client;
using Rmote.TestTools;

namespace Rmote.Agent.Tests;

public sealed class LifecycleTests
{
    [Fact]
    public async Task The_agent_exits_cleanly_when_the_host_closes_its_input()
    {
        await using var agent = await AgentProcess.StartAsync();
        Assert.Equal(2, await agent.CallAsync(() => Calc.Add(1, 1)));
        Assert.Equal(0, await agent.CloseInputAndWaitAsync());
    }

    [Fact]
    public async Task The_agent_exits_on_shutdown()
    {
        await using var agent = await AgentProcess.StartAsync();
        await agent.WriteAsync(Protocol.Messages.ProtocolMessages.Shutdown());
        await agent.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, agent.Process.ExitCode);
    }

    [Fact]
    public async Task A_protocol_violation_is_logged_and_ends_the_agent_with_code_2()
    {
        await using var agent = await AgentProcess.StartAsync();
        await agent.WriteRawAsync("NOT A FRAME AT ALL, JUST GARBAGE"u8.ToArray());
        await agent.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(2, agent.Process.ExitCode);
        await agent.Disconnected.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Contains(agent.Logs, r => r.Category == "Rmote.Agent" && r.Exception!.Contains("magic", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_bad_command_line_is_reported_on_stderr()
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("dotnet", [AgentProcess.AgentPath, "--bogus", "1"]) { RedirectStandardError = true })!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(2, process.ExitCode);
        Assert.Contains("--bogus", error, StringComparison.Ordinal);
    }
}
