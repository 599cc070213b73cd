namespace Rmote.Agent.Tests.Client;

/// <summary>One agent shared by the tests of a class (start-up is paid once).</summary>
public sealed class AgentFixture : IAsyncLifetime
{
    private AgentProcess? agent;

    public AgentProcess Agent => agent ?? throw new InvalidOperationException("The agent has not started.");

    public async Task InitializeAsync() => agent = await AgentProcess.StartAsync();

    public async Task DisposeAsync()
    {
        if (agent is not null)
        {
            await agent.DisposeAsync();
        }
    }
}
