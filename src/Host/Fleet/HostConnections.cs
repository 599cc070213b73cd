using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Rmote.Fleet;

/// <summary>
/// The fleet's kept connections: at most one per host, opened on first use, reused by later calls, replaced when it
/// has closed (gave up reconnecting, lost with reconnect off), closed after <see cref="FleetOptions.IdleTimeout"/>
/// without use. A failed connect is not kept: the next call tries again.
/// </summary>
internal sealed class HostConnections : IAsyncDisposable
{
    private readonly Dictionary<string, Slot> slots = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<FleetHost> fleet;
    private readonly FleetOptions options;
    private readonly ILogger logger;
    private readonly Timer? sweeper;
    private bool disposed;

    public HostConnections(IReadOnlyList<FleetHost> fleet, FleetOptions options, ILogger logger)
    {
        this.fleet = fleet;
        this.options = options;
        this.logger = logger;
        if (options.IdleTimeout != Timeout.InfiniteTimeSpan)
        {
            var period = TimeSpan.FromTicks(Math.Clamp(options.IdleTimeout.Ticks / 4, TimeSpan.FromMilliseconds(50).Ticks, TimeSpan.FromSeconds(30).Ticks));
            sweeper = new Timer(_ => _ = SweepAsync(), null, period, period);
        }
    }

    /// <summary>Connections opened so far (diagnostics, tests and benchmarks: reuse opens none).</summary>
    public int Opened => Volatile.Read(ref opened);

    private int opened;

    /// <summary>The kept connection of <paramref name="host"/>, opening one if there is none or it has closed.</summary>
    public async Task<Lease> AcquireAsync(FleetHost host, CancellationToken cancellationToken)
    {
        Task<RmoteConnection> pending;
        Slot slot;
        lock (slots)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (!slots.TryGetValue(host.Name, out slot!)) slots[host.Name] = slot = new Slot();
            if (slot.Connection is not { IsFaulted: false, IsCanceled: false } current
                || current is { IsCompletedSuccessfully: true, Result.State: ConnectionState.Closed })
            {
                if (slot.Connection is { IsCompletedSuccessfully: true } closed) _ = closed.Result.DisposeAsync().AsTask();
                // The connect is not tied to one caller's token: it outlives the call that started it (kept for later).
                slot.Connection = HostConnector.ConnectAsync(host, fleet, options.Connection, CancellationToken.None);
                Interlocked.Increment(ref opened);
            }
            pending = slot.Connection;
            slot.Users++;
        }
        try
        {
            return new Lease(this, slot, await pending.WaitAsync(cancellationToken).ConfigureAwait(false));
        }
        catch
        {
            Release(slot);
            throw;
        }
    }

    private void Release(Slot slot)
    {
        lock (slots)
        {
            slot.Users--;
            slot.LastUsed = Stopwatch.GetTimestamp();
        }
    }

    private async Task SweepAsync()
    {
        var idle = new List<RmoteConnection>();
        lock (slots)
        {
            if (disposed) return;
            foreach (var (name, slot) in slots)
            {
                if (slot.Users > 0 || slot.Connection is not { IsCompletedSuccessfully: true } done) continue;
                if (Stopwatch.GetElapsedTime(slot.LastUsed) < options.IdleTimeout) continue;
                logger.LogDebug("Closing the idle connection to {Host}", name);
                idle.Add(done.Result);
                slot.Connection = null;
            }
        }
        foreach (var connection in idle) await connection.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Closes every kept connection (and waits for connects in flight, closing what they yield).</summary>
    public async ValueTask DisposeAsync()
    {
        Task<RmoteConnection>[] all;
        lock (slots)
        {
            if (disposed) return;
            disposed = true;
            all = slots.Values.Select(s => s.Connection).OfType<Task<RmoteConnection>>().ToArray();
            slots.Clear();
        }
        if (sweeper is not null) await sweeper.DisposeAsync().ConfigureAwait(false);
        await Task.WhenAll(all.Select(async pending =>
        {
            try
            {
                await (await pending.ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception e)
            {
                // Its caller saw this failure already.
                logger.LogDebug(e, "A connect that was in flight at dispose failed");
            }
        })).ConfigureAwait(false);
    }

    internal sealed class Slot
    {
        public Task<RmoteConnection>? Connection;
        public int Users;
        public long LastUsed = Stopwatch.GetTimestamp();
    }

    /// <summary>A connection in use by one call; disposing it marks the use over (the connection stays open).</summary>
    public readonly struct Lease(HostConnections owner, Slot slot, RmoteConnection connection) : IDisposable
    {
        public RmoteConnection Connection => connection;

        public void Dispose() => owner.Release(slot);
    }
}
