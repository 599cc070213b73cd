using Rmote.Actors.Connection;

namespace Rmote.Connections;

/// <summary>
/// Starts the first connect (the agent's process, its runtime start-up and the handshake) at once, on a pool thread,
/// while the caller is still creating the actor system and the connection's actors; the first incarnation's link
/// actor then takes that connect instead of starting its own. Later incarnations (reconnects) connect as usual. In a
/// fresh process this overlaps the agent's start with Akka's (cold suite, whole process start → first answer).
/// </summary>
internal sealed class HeadStartConnector : IAgentConnector
{
    private readonly IAgentConnector inner;
    private readonly CancellationTokenSource cancel = new();
    private Task<IAgentTransport>? first;

    public HeadStartConnector(IAgentConnector inner)
    {
        this.inner = inner;
        first = Task.Run(() => inner.ConnectAsync(cancel.Token));
    }

    public string Target => inner.Target;

    public async Task<IAgentTransport> ConnectAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref first, null) is not { } started)
            return await inner.ConnectAsync(cancellationToken).ConfigureAwait(false);
        // The link actor's token (its connect bound, its stop) now governs the connect already under way.
        await using (cancellationToken.Register(static state => ((CancellationTokenSource)state!).Cancel(), cancel).ConfigureAwait(false))
            return await started.ConfigureAwait(false);
    }

    /// <summary>
    /// The first connect was never taken (the connection failed or was disposed before its link actor started): stop
    /// it, and end the agent it may have started. Does nothing once the link actor has taken it.
    /// </summary>
    public async ValueTask AbandonAsync()
    {
        if (Interlocked.Exchange(ref first, null) is not { } started) return;
        await cancel.CancelAsync().ConfigureAwait(false);
        try
        {
            await (await started.ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The connect failed or was cancelled: the connector has cleaned up after itself.
        }
    }
}
