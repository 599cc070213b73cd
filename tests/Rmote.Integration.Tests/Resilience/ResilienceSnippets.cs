using Rmote.TestTools;
using Rmote.Integration.Tests.Support;

namespace Rmote.Integration.Tests.Resilience;

/// <summary>The code shown in docs/resilience.md, run against a real agent.</summary>
[Collection(ResilienceCollection.Name)]
public sealed class ResilienceSnippets
{
    [Fact]
    public async Task Options_and_state_changes()
    {
        var seen = new List<ConnectionState>();
        #region snippet:resilience-options
        var options = new RmoteOptions
        {
            Reconnect = new ReconnectPolicy { MaxAttempts = 5, BaseDelay = TimeSpan.FromMilliseconds(200) },
            HeartbeatInterval = TimeSpan.FromSeconds(2),   // PING after 2 s of silence...
            MissedHeartbeats = 3,                          // ...dead after 3 unanswered PINGs
            CallTimeout = TimeSpan.FromMinutes(1),         // default for every call
            MaxCallsInFlight = 256,                        // further callers wait
        };
        await using var connection = await RmoteConnection.StartLocalAsync(options);
        connection.StateChanged += (_, e) => seen.Add(e.State);   // Reconnecting (with the reason), Connected, Closed
        #endregion

        var pid = await connection.CallAsync(() => ResilienceTools.ProcessId());
        Faults.Signal(pid, Faults.SigKill);
        Assert.NotEqual(pid, await NextPidAsync(connection));
        Assert.True(await Faults.EventuallyAsync(() => seen.Count >= 2, Bounds.Generous));
        Assert.Equal([ConnectionState.Reconnecting, ConnectionState.Connected], seen);
    }

    [Fact]
    public async Task Timeouts_and_cancellation()
    {
        await using var connection = await RmoteConnection.StartLocalAsync();
        // The tool assembly goes to the agent first: on a busy machine that sync alone can outlast the 500 ms below, and
        // a call that times out before it was sent is never cancelled on the agent (nothing to assert then).
        await connection.CallAsync(() => ResilienceTools.ProcessId());
        using var cancellation = new CancellationTokenSource();
        #region snippet:resilience-timeouts
        // This call's own timeout (overrides RmoteOptions.CallTimeout): TimeoutException at 500 ms, and the tool's
        // CancellationToken parameter (or ToolContext.CancellationToken) fires on the agent.
        try
        {
            await connection.CallAsync(() => ResilienceTools.WaitForCancellationAsync("slow", CancellationToken.None), TimeSpan.FromMilliseconds(500));
        }
        catch (TimeoutException)
        {
            // the agent got CANCEL; a late reply would be dropped
        }

        // The caller's token works the same way, with OperationCanceledException.
        cancellation.CancelAfter(TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            connection.CallAsync(() => ResilienceTools.WaitForCancellationAsync("cancelled", CancellationToken.None), cancellation.Token));
        #endregion

        Assert.True(await connection.CallAsync(() => ResilienceTools.WasCancelledAsync("slow", 20_000)));
        Assert.True(await connection.CallAsync(() => ResilienceTools.WasCancelledAsync("cancelled", 20_000)));
    }

    private static async Task<int> NextPidAsync(RmoteConnection connection)
    {
        try
        {
            return await connection.CallAsync(() => ResilienceTools.ProcessId());
        }
        catch (ConnectionLostException)
        {
            return await connection.CallAsync(() => ResilienceTools.ProcessId());   // raced the kill: the next one waits
        }
    }
}
