using System.Diagnostics;
using System.Linq.Expressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Rmote.Actors.Invocation;
using Rmote.Fleet;

namespace Rmote;

/// <summary>
/// Many hosts at once: <c>CallAsync</c> runs a tool call on every host (or on a <see cref="Select">selection</see>),
/// at most <see cref="FleetOptions.ThrottleLimit"/> at once, and returns every host's outcome — a host that is
/// unreachable, refuses us, throws or times out fails alone, with a typed <see cref="HostFailureKind"/>. Connections
/// are opened on first use, kept (one per host) and reused by later calls, closed after
/// <see cref="FleetOptions.IdleTimeout"/>; <see cref="DisposeAsync"/> closes them all. Thread-safe.
/// </summary>
public sealed class RmoteFleet : FleetCallTarget, IAsyncDisposable
{
    private readonly FleetHost[] hosts;
    private readonly IReadOnlySet<string> groups;
    private readonly FleetOptions options;
    private readonly SemaphoreSlim throttle;
    private readonly HostConnections connections;
    private readonly ILogger logger;
    private int disposed;

    private RmoteFleet(FleetHost[] hosts, IReadOnlySet<string> groups, FleetOptions options)
    {
        this.hosts = hosts;
        this.groups = groups;
        this.options = options;
        throttle = new SemaphoreSlim(options.ThrottleLimit, options.ThrottleLimit);
        logger = (options.Connection.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Rmote.Fleet");
        connections = new HostConnections(hosts, options, logger);
    }

    /// <summary>Every host of the fleet, in order.</summary>
    public override IReadOnlyList<FleetHost> Hosts => hosts;

    /// <summary>
    /// Raised for every host's progress of every call (started, succeeded, failed), on the thread that made the step:
    /// keep handlers short. An exception thrown by a handler is logged and ignored.
    /// </summary>
    public event EventHandler<HostProgress>? Progress;

    /// <summary>A fleet over <paramref name="hosts"/>; nothing connects until the first call.</summary>
    /// <exception cref="ArgumentException">Two hosts share a name, or a host's settings contradict each other.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="FleetOptions.ThrottleLimit"/> is below 1, or a timeout is not positive.</exception>
    public static RmoteFleet Create(IEnumerable<FleetHost> hosts, FleetOptions? options = null) =>
        Create(hosts, new HashSet<string>(StringComparer.Ordinal), options);

    /// <summary>A fleet over the hosts of the inventory file at <paramref name="inventoryPath"/> (see docs/multi-host.md).</summary>
    /// <exception cref="InventoryException">The inventory is invalid; the message names file, line and column.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public static RmoteFleet Load(string inventoryPath, FleetOptions? options = null)
    {
        var inventory = FleetInventory.Load(inventoryPath);
        return Create(inventory.Hosts, inventory.Groups.Keys.ToHashSet(StringComparer.Ordinal), options);
    }

    internal static RmoteFleet Create(IEnumerable<FleetHost> hosts, IReadOnlySet<string> groups, FleetOptions? options)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        options ??= new FleetOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ThrottleLimit, 1, "options.ThrottleLimit");
        if (options.CallTimeout is { } t && t != Timeout.InfiniteTimeSpan && t <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException("options.CallTimeout", t, "A timeout must be positive, or Timeout.InfiniteTimeSpan for none.");
        if (options.IdleTimeout != Timeout.InfiniteTimeSpan && options.IdleTimeout <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException("options.IdleTimeout", options.IdleTimeout, "The idle timeout must be positive, or Timeout.InfiniteTimeSpan.");
        var list = hosts.ToArray();
        if (list.GroupBy(h => h.Name).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new ArgumentException($"Two hosts are named '{twice.Key}'; host names must be unique in a fleet.", nameof(hosts));
        foreach (var host in list)
        {
            if (host.Kind == FleetHostKind.Command && host.Become is not null)
                throw new ArgumentException($"Host '{host.Name}': 'become' needs an ssh or local host; put sudo into the command instead.", nameof(hosts));
            if (host.Jump is not null && host.Kind != FleetHostKind.Ssh)
                throw new ArgumentException($"Host '{host.Name}': 'jump' needs an ssh host.", nameof(hosts));
            if (host.Jump is not null) HostConnector.SshFor(host, list);   // an unusable hop fails here, not on the first call
        }
        return new RmoteFleet(list, groups, options);
    }

    /// <summary>The hosts matching <paramref name="pattern"/> (see <see cref="HostPattern"/>: <c>web:&amp;prod:!web3</c>).</summary>
    /// <exception cref="ArgumentException">The pattern is malformed or a term matches no host and no group.</exception>
    public FleetSelection Select(string pattern) => new(this, pattern, HostPattern.Select(hosts, pattern, groups));

    /// <summary>Connections opened so far, over the fleet's life (a reused connection is not counted again).</summary>
    internal int ConnectionsOpened => connections.Opened;

    /// <summary>Closes every kept connection (stopping their agents); calls still running fail. Never hangs.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1) return;
        await connections.DisposeAsync().ConfigureAwait(false);
    }

    private protected override Task<FleetResult<HostResult<T>>> RunAsync<T>(LambdaExpression call, TimeSpan? timeout,
        Func<RmoteConnection, TimeSpan?, CancellationToken, Task<T>> invoke, CancellationToken cancellationToken) =>
        RunOnAsync(hosts, call, timeout, invoke, cancellationToken);

    internal async Task<FleetResult<HostResult<T>>> RunOnAsync<T>(IReadOnlyList<FleetHost> selected, LambdaExpression call,
        TimeSpan? timeout, Func<RmoteConnection, TimeSpan?, CancellationToken, Task<T>> invoke, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) == 1, this);
        ToolCallParser.Parse(call);   // a malformed call is the caller's error, thrown here once instead of failing every host
        var limit = timeout ?? options.CallTimeout;
        var results = await Task.WhenAll(selected.Select(h => RunOneAsync(h, limit, invoke, cancellationToken))).ConfigureAwait(false);
        return new FleetResult<HostResult<T>>(results);
    }

    private async Task<HostResult<T>> RunOneAsync<T>(FleetHost host, TimeSpan? limit,
        Func<RmoteConnection, TimeSpan?, CancellationToken, Task<T>> invoke, CancellationToken cancellationToken)
    {
        await throttle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var result = await RunInSlotAsync(host, limit, invoke, cancellationToken).ConfigureAwait(false);
            // Reported before the slot is given up, so an observer never sees more than ThrottleLimit hosts unfinished.
            Report(new HostProgress(host, result.Succeeded ? HostProgressState.Succeeded : HostProgressState.Failed, result.Elapsed, result));
            return result;
        }
        finally
        {
            throttle.Release();
        }
    }

    private async Task<HostResult<T>> RunInSlotAsync<T>(FleetHost host, TimeSpan? limit,
        Func<RmoteConnection, TimeSpan?, CancellationToken, Task<T>> invoke, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            Report(new HostProgress(host, HostProgressState.Started, TimeSpan.Zero, null));
            using var lease = await connections.AcquireAsync(host, cancellationToken).ConfigureAwait(false);
            var value = await invoke(lease.Connection, limit, cancellationToken).ConfigureAwait(false);
            return new HostResult<T>(host, value, Stopwatch.GetElapsedTime(started), null, HostFailureKind.None);
        }
        catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            var error = HostFailures.Surface(e, host);
            logger.LogDebug("{Host}: {Failure}: {Message}", host.Name, HostFailures.Classify(error), error.Message);
            return new HostResult<T>(host, default, Stopwatch.GetElapsedTime(started), error, HostFailures.Classify(error));
        }
    }

    private void Report(HostProgress progress)
    {
        try
        {
            options.Progress?.Report(progress);
            Progress?.Invoke(this, progress);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "A fleet progress handler threw; ignored");
        }
    }
}
