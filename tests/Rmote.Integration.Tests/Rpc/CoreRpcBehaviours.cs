using Rmote.Integration.Tests.Support;
using Xunit.Abstractions;

namespace Rmote.Integration.Tests.Rpc;

/// <summary>
/// What <see cref="RmoteConnection"/> promises a caller, whatever the transport: calls and their argument/result shapes,
/// tool sync, remote exceptions, forwarded logs, concurrency, timeouts and cancellation. A subclass says how to
/// connect (<see cref="ConnectAsync"/>); everything here is transport-neutral. Tests that don't disturb the agent share
/// one connection (<see cref="SharedAsync"/>); those that count, time out or need fresh state connect anew
/// (<see cref="FreshAsync"/>) — and every connection a test makes is disposed after it.
/// </summary>
public abstract partial class CoreRpcBehaviours(SharedConnection shared, ITestOutputHelper output)
    : IClassFixture<SharedConnection>, IAsyncLifetime
{
    private readonly List<RmoteConnection> fresh = [];

    /// <summary>Where test figures go (timings), shown with the test result.</summary>
    protected ITestOutputHelper Output { get; } = output;

    /// <summary>The shared connection's log records (forwarded remote logs included).</summary>
    protected InMemoryLoggerProvider SharedLogs => shared.Logs;

    /// <summary>Upper bound for 40 concurrent 0.5 s blocking calls (the agent must run them in parallel).</summary>
    protected virtual TimeSpan FortyBlockingCallsBound => TimeSpan.FromSeconds(2);

    /// <summary>Connects to a new agent through this class's transport.</summary>
    protected abstract Task<RmoteConnection> ConnectAsync(RmoteOptions? options = null);

    /// <summary>The connection shared by this class's tests.</summary>
    protected Task<RmoteConnection> SharedAsync() => shared.GetAsync(options => ConnectAsync(options));

    /// <summary>A new connection for this test only, disposed when the test ends.</summary>
    protected async Task<RmoteConnection> FreshAsync(RmoteOptions? options = null)
    {
        var connection = await ConnectAsync(options).Within(Bounds.Generous + Bounds.Generous, "Connecting");
        lock (fresh) fresh.Add(connection);
        return connection;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        RmoteConnection[] made;
        lock (fresh) made = [.. fresh];
        foreach (var connection in made) await connection.DisposeAsync().AsTask().Within(Bounds.Generous, "Disposing a connection");
    }
}
