using Rmote.Transports;

namespace Rmote.Host.Tests.Transports;

/// <summary>The local agent starts with the runtime settings only the environment can carry.</summary>
public sealed class LocalAgentEnvironmentTests
{
    [Fact]
    public async Task The_local_agent_process_runs_with_a_one_mebibyte_gen0_budget()
    {
        await using var link = AgentTransports.StartLocal(new RmoteOptions());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Assert.Equal("PROTOCOL READY", await link.Output.ReadLineAsync(timeout.Token));

        var environment = (await File.ReadAllTextAsync($"/proc/{link.ProcessId}/environ", timeout.Token)).Split('\0');

        Assert.Contains("DOTNET_GCgen0size=0x100000", environment);
    }
}
