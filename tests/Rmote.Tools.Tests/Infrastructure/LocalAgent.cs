namespace Rmote.Tools.Tests.Infrastructure;

/// <summary>One real local agent for the tests of a class (start-up is paid once).</summary>
public sealed class LocalAgent : IAsyncLifetime
{
    private RmoteConnection? connection;

    public RmoteConnection Connection => connection ?? throw new InvalidOperationException("The agent has not started.");

    public async Task InitializeAsync() => connection = await RmoteConnection.StartLocalAsync();

    public async Task DisposeAsync()
    {
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }
    }
}
