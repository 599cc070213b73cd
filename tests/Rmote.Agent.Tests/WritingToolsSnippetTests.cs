using Microsoft.Extensions.Logging;
using Rmote.Agent.Tests.Client;
using Rmote.TestTools.Docs;

namespace Rmote.Agent.Tests;

/// <summary>Runs every example of docs/writing-tools.md (tests/Rmote.TestTools/Docs) on a real agent.</summary>
public sealed class WritingToolsSnippetTests(AgentFixture fixture) : IClassFixture<AgentFixture>
{
    private AgentProcess Agent => fixture.Agent;

    [Fact]
    public async Task The_basic_tool_works()
    {
        Assert.Equal(Environment.MachineName, await Agent.CallAsync(() => SystemInfo.Hostname()));
        var disk = await Agent.CallAsync(() => SystemInfo.Disk("/"));
        Assert.Equal("/", disk.Path);
        Assert.InRange(disk.Free, 0, disk.Total);
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, "content");
        Assert.Equal("content", await Agent.CallAsync(() => SystemInfo.ReadAsync(file, CancellationToken.None)));
        File.Delete(file);
    }

    [Fact]
    public async Task The_context_example_logs_each_copy()
    {
        var source = Directory.CreateTempSubdirectory().FullName;
        var target = Directory.CreateTempSubdirectory().FullName;
        await File.WriteAllTextAsync(Path.Combine(source, "a.txt"), "a");
        await File.WriteAllTextAsync(Path.Combine(source, "b.txt"), "b");

        Assert.Equal(2, await Agent.CallAsync(() => Backup.CopyAll(source, target)));
        Assert.Equal(2, Directory.GetFiles(target).Length);
        Assert.Equal(2, Agent.Logs.Count(r => r.Category == "Backup" && r.Level == LogLevel.Information && r.Message.StartsWith("Copied ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_process_example_runs_commands()
    {
        Assert.Equal((await ProcessOutput("uname", "-r")).Trim(), await Agent.CallAsync(() => Packages.KernelVersion()));
        Assert.Equal(3, await Agent.CallAsync(() => Packages.CountLines("a\nb\nc\n")));
        Assert.False(await Agent.CallAsync(() => Packages.ServiceIsActive("rmote-no-such-service")));
    }

    [Fact]
    public async Task The_exception_example_arrives_typed()
    {
        var failure = await Assert.ThrowsAsync<QuotaException>(() => Agent.CallAsync(() => Quotas.Reserve("ann", 2_000_000)));
        Assert.Equal("1000000", failure.Data["limit"]);
        await Agent.CallAsync(() => Quotas.Reserve("ann", 10));
    }

    [Fact]
    public async Task The_stdio_example_cannot_corrupt_the_protocol()
    {
        Assert.Equal("still fine", await Agent.CallAsync(() => Chatty.Talk()));
    }

    private static async Task<string> ProcessOutput(string program, string argument)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(program, [argument]) { RedirectStandardOutput = true })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output;
    }
}
