using Rmote.Agent.Tests.Client;
using Rmote.Protocol.Tools;
using Rmote.TestTools;

namespace Rmote.Agent.Tests;

public sealed class StdioProtectionTests
{
    [Theory]
    [InlineData(nameof(Noisy.ConsoleOut))]
    [InlineData(nameof(Noisy.ConsoleError))]
    [InlineData(nameof(Noisy.ChildProcess))]
    [InlineData(nameof(Noisy.RawWrite))]
    [InlineData(nameof(Noisy.ConcurrentChildren))]
    public async Task Nothing_a_tool_writes_to_stdio_reaches_the_protocol(string noisyMethod)
    {
        await using var agent = await AgentProcess.StartAsync();
        await agent.CallAsync(ToolMethod.For(typeof(Noisy).GetMethod(noisyMethod)!));

        Assert.Equal(3, await agent.CallAsync(() => Calc.Add(1, 2)));
        Assert.Null(agent.ReadFailure);
        Assert.Equal(0, await agent.CloseInputAndWaitAsync());
        Assert.Equal(string.Empty, await agent.StandardError);
    }
}
