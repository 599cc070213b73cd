using Rmote.Tools.Tests.Infrastructure;

namespace Rmote.Tools.Tests;

public sealed class BundledToolsTests
{
    [Fact]
    public async Task Built_in_tools_are_never_synced_and_synced_tools_share_the_agents_copy()
    {
        using var logs = new LogCollector();
        await using var connection = await RmoteConnection.StartLocalAsync(new RmoteOptions { LoggerFactory = logs.CreateFactory() });

        Assert.True(await connection.CallAsync(() => FileSystem.Exists("/")));
        var contexts = await connection.CallAsync(() => LoadContexts.Describe());
        await logs.WaitForAsync(r => r.Message.StartsWith("Loaded tool assembly Rmote.Tools.Tests", StringComparison.Ordinal));

        Assert.DoesNotContain(logs.Records, r => r.Message.StartsWith("Loaded tool assembly Rmote.Tools ", StringComparison.Ordinal));
        Assert.Equal("rmote-tools", contexts[0]);
        Assert.Equal("Default", contexts[1]);
        Assert.EndsWith("/agent/Rmote.Tools.dll", contexts[2], StringComparison.Ordinal);
    }
}
