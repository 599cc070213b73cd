using System.Collections.Concurrent;

namespace Rmote.Agent.Dispatch;

/// <summary>The cancellation source of every running call, by request id, so a CANCEL frame can reach it.</summary>
internal sealed class CallRegistry(CancellationToken connectionClosing)
{
    private readonly ConcurrentDictionary<ulong, CancellationTokenSource> running = new();

    /// <summary>Registers a call; its token is cancelled by <see cref="Cancel"/> or when the connection closes.</summary>
    public CancellationTokenSource Start(ulong id)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(connectionClosing);
        running[id] = source;
        return source;
    }

    /// <summary>Unregisters a finished call.</summary>
    public void Finish(ulong id, CancellationTokenSource source)
    {
        running.TryRemove(new KeyValuePair<ulong, CancellationTokenSource>(id, source));
        source.Dispose();
    }

    /// <summary>Cancels the call with request id <paramref name="id"/>, if it is still running.</summary>
    public void Cancel(ulong id)
    {
        if (running.TryGetValue(id, out var source))
        {
            try
            {
                source.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // It finished meanwhile.
            }
        }
    }
}
