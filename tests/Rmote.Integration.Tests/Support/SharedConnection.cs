namespace Rmote.Integration.Tests.Support;

/// <summary>
/// One connection shared by the tests of a class that don't disturb each other (start-up is paid once). It is created
/// by the first test that asks, with whatever transport that test class connects through, and logs into
/// <see cref="Logs"/>.
/// </summary>
public sealed class SharedConnection : IAsyncLifetime
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private RmoteConnection? connection;

    /// <summary>Receives the shared connection's diagnostics and forwarded remote logs.</summary>
    public InMemoryLoggerProvider Logs { get; } = new();

    /// <summary>The shared connection, made with <paramref name="connect"/> on first use.</summary>
    public async Task<RmoteConnection> GetAsync(Func<RmoteOptions, Task<RmoteConnection>> connect)
    {
        await gate.WaitAsync();
        try
        {
            return connection ??= await connect(new RmoteOptions { LoggerFactory = Logs.CreateFactory() });
        }
        finally
        {
            gate.Release();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (connection is not null) await connection.DisposeAsync();
    }
}
