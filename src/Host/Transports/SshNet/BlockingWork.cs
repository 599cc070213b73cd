namespace Rmote.Transports.SshNet;

/// <summary>
/// Runs SSH.NET calls that block (closing a channel waits up to its close timeout, disposing a client waits for its
/// receive thread) on a thread of their own: on the thread pool, many of them at once would starve the timers that
/// bound every connect and heartbeat.
/// </summary>
internal static class BlockingWork
{
    /// <summary>Starts <paramref name="work"/> on a new background thread; exceptions go to <paramref name="onError"/>.</summary>
    public static void Start(string name, Action work, Action<Exception> onError)
    {
        var thread = new Thread(() =>
        {
            try
            {
                work();
            }
            catch (Exception e)
            {
                onError(e);
            }
        })
        {
            IsBackground = true,
            Name = name,
        };
        thread.Start();
    }
}
