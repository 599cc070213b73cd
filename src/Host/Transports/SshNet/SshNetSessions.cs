using System.Collections.Concurrent;
using Renci.SshNet;

namespace Rmote.Transports.SshNet;

/// <summary>
/// SSH.NET sessions (one TCP connection and key exchange each) shared per destination: a connection takes a channel
/// on a session with room, and a new session is opened only when every one has <see cref="ChannelsPerSession"/>
/// channels (sshd's <c>MaxSessions</c>, default 10) or refused one — never blocking on SSH.NET's own channel
/// semaphore. Opening sessions is serialized per destination, so a fan-out pays one handshake per ten connections.
/// An idle session is closed after <see cref="SshOptions.ControlPersist"/>.
/// </summary>
internal static class SshNetSessions
{
    /// <summary>Channels we open on one session.</summary>
    public const int ChannelsPerSession = 10;

    private static readonly ConcurrentDictionary<string, Pool> Pools = new(StringComparer.Ordinal);

    /// <summary>
    /// A channel slot on a connected session for <paramref name="key"/>; <paramref name="connect"/> opens a new
    /// session when needed. Without sharing every lease gets a session of its own, closed with the lease.
    /// </summary>
    public static async Task<Lease> AcquireAsync(string key, bool sharing, TimeSpan idle,
        Func<CancellationToken, Task<SshClient>> connect, CancellationToken cancellationToken)
    {
        if (!sharing) return new Lease(new Session(await connect(cancellationToken).ConfigureAwait(false), idle: TimeSpan.Zero, pool: null));
        var pool = Pools.GetOrAdd(key, _ => new Pool());
        await pool.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Session? session;
            lock (pool.Sessions)
            {
                session = pool.Sessions.FirstOrDefault(s => s.TryTake());
            }
            if (session is null)
            {
                session = new Session(await connect(cancellationToken).ConfigureAwait(false), idle, pool);
                session.TryTake();
                lock (pool.Sessions) pool.Sessions.Add(session);
            }
            return new Lease(session);
        }
        finally
        {
            pool.Gate.Release();
        }
    }

    /// <summary>One channel's hold on a session.</summary>
    internal sealed class Lease(Session session)
    {
        private int _released;

        /// <summary>The connected client.</summary>
        public SshClient Client => session.Client;

        /// <summary>The server refused a channel: this session takes no more.</summary>
        public void MarkFull() => session.Full = true;

        /// <summary>The channel is closed: its slot is free again.</summary>
        public void Release()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) session.Return();
        }
    }

    internal sealed class Pool
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public readonly List<Session> Sessions = [];
    }

    internal sealed class Session(SshClient client, TimeSpan idle, Pool? pool)
    {
        private int _channels;
        private int _generation;

        public SshClient Client { get; } = client;

        public volatile bool Full;

        public bool TryTake()
        {
            lock (this)
            {
                if (Full || _channels >= ChannelsPerSession || !Client.IsConnected) return false;
                _channels++;
                _generation++;
                return true;
            }
        }

        public void Return()
        {
            int generation;
            lock (this)
            {
                if (--_channels > 0) return;
                generation = _generation;
            }
            if (pool is null || !Client.IsConnected)
            {
                Close(generation);
                return;
            }
            // Idle: keep it for a while for the next connection (like ControlPersist), then close it.
            _ = Task.Delay(idle).ContinueWith(_ => Close(generation), TaskScheduler.Default);
        }

        private void Close(int generation)
        {
            lock (this)
            {
                if (_channels > 0 || _generation != generation) return; // taken again meanwhile
                Full = true;
            }
            if (pool is not null) lock (pool.Sessions) pool.Sessions.Remove(this);
            BlockingWork.Start("rmote-sshnet-disconnect", Client.Dispose, _ => { });
        }
    }
}
