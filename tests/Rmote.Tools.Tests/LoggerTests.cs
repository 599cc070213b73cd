using Microsoft.Extensions.Logging;
using Rmote.Tools.Tests.Infrastructure;

namespace Rmote.Tools.Tests;

public sealed class LoggerTests : IAsyncLifetime
{
    private const string Category = "Rmote.Remote." + Logger.Category;

    private readonly LogCollector logs = new();
    private RmoteConnection connection = null!;

    public async Task InitializeAsync() =>
        connection = await RmoteConnection.StartLocalAsync(new RmoteOptions { LoggerFactory = logs.CreateFactory() });

    public async Task DisposeAsync()
    {
        await connection.DisposeAsync();
        logs.Dispose();
    }

    [Fact]
    public async Task Log_writes_a_record_that_reaches_the_host_with_its_level_and_text()
    {
        await connection.CallAsync(() => Logger.Log(LogLevel.Warning, "disk {almost} full"));

        var record = await logs.WaitForAsync(r => r.Category == Category);

        Assert.Equal(new LogCollector.Record(Category, LogLevel.Warning, "disk {almost} full"), record);
    }

    [Fact]
    public async Task SetLevel_changes_which_agent_records_are_forwarded()
    {
        var initial = await connection.CallAsync(() => Logger.SetLevel(LogLevel.Warning));
        await connection.CallAsync(() => Logger.Log(LogLevel.Information, "suppressed"));
        await connection.CallAsync(() => Logger.Log(LogLevel.Debug, "suppressed too"));
        await connection.CallAsync(() => Logger.Log(LogLevel.Error, "forwarded"));
        await logs.WaitForAsync(r => r.Message == "forwarded");
        var restored = await connection.CallAsync(() => Logger.SetLevel(LogLevel.Trace));
        await connection.CallAsync(() => Logger.Log(LogLevel.Debug, "debug again"));
        await logs.WaitForAsync(r => r.Message == "debug again");

        Assert.Equal(LogLevel.Trace, initial);
        Assert.Equal(LogLevel.Warning, restored);
        // One agent and one forwarder per connection: records arrive in order, so "suppressed" would be here by now.
        Assert.DoesNotContain(logs.Records, r => r.Message.StartsWith("suppressed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_undefined_level_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => connection.CallAsync(() => Logger.SetLevel((LogLevel)42)));
    }
}
