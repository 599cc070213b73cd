using System.Collections.Concurrent;
using Rmote.TestTools;
using Rmote.Integration.Tests.Support;

namespace Rmote.Integration.Tests.Resilience;

/// <summary>A local connection with reconnect on, its state changes recorded, and the agent's pid at hand.</summary>
internal sealed class ResilientConnection : IAsyncDisposable
{
    private readonly ConcurrentQueue<ConnectionState> states = new();

    private ResilientConnection(RmoteConnection connection)
    {
        Connection = connection;
        connection.StateChanged += (_, e) => states.Enqueue(e.State);
    }

    /// <summary>Reconnect quickly (50 ms base delay), heartbeats as the defaults say unless overridden.</summary>
    public static RmoteOptions Options { get; } = new()
    {
        Reconnect = new ReconnectPolicy { BaseDelay = TimeSpan.FromMilliseconds(50), MaxDelay = TimeSpan.FromMilliseconds(500) },
    };

    public RmoteConnection Connection { get; }

    /// <summary>The state changes seen so far.</summary>
    public IReadOnlyList<ConnectionState> States => states.ToArray();

    /// <summary>The agent's pid as the agent reports it (synced and warm afterwards).</summary>
    public int Pid { get; private set; }

    public static async Task<ResilientConnection> StartAsync(RmoteOptions? options = null)
    {
        var connection = await RmoteConnection.StartLocalAsync(options ?? Options).Within(Bounds.Generous, "StartLocalAsync");
        var resilient = new ResilientConnection(connection);
        await resilient.RefreshPidAsync();
        return resilient;
    }

    /// <summary>
    /// Asks the (possibly new) agent for its pid. A call racing a fault that has not been noticed yet goes to the old
    /// link and fails with <see cref="ConnectionLostException"/>; the next one waits for the new agent.
    /// </summary>
    public async Task<int> RefreshPidAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Pid = await Connection.CallAsync(() => ResilienceTools.ProcessId()).Within(Bounds.Generous, "ProcessId call");
                Assert.Equal(Connection.ProcessId, Pid);
                return Pid;
            }
            catch (ConnectionLostException) when (attempt < 3)
            {
            }
        }
    }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
