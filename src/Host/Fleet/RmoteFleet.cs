using System.Linq.Expressions;
using Akka.Actor;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Rmote.Actors.Connection;
using Rmote.Actors.Fleet;
using Rmote.Actors.Invocation;
using Rmote.Fleet;
using Rmote.Hosting;

namespace Rmote;

/// <summary>
/// Many hosts at once: <c>CallAsync</c> runs a tool call on every host (or on a <see cref="Select">selection</see>),
/// at most <see cref="FleetOptions.ThrottleLimit"/> at once, and returns every host's outcome — a host that is
/// unreachable, refuses us, throws or times out fails alone, with a typed <see cref="HostFailureKind"/>. Connections
/// are opened on first use, kept (one per host) and reused by later calls, closed after
/// <see cref="FleetOptions.IdleTimeout"/>; <see cref="DisposeAsync"/> closes them all. Thread-safe. Behind it runs a
/// fleet actor (<see cref="Actor"/>, also available alone as <see cref="RmoteFleetProps"/>) with one connection actor
/// per host, in <see cref="RmoteOptions.ActorSystem"/> of <see cref="FleetOptions.Connection"/> or the shared system.
/// </summary>
public sealed class RmoteFleet : FleetCallTarget, IAsyncDisposable
{
    private readonly FleetHost[] hosts;
    private readonly Dictionary<string, FleetHost> byName;
    private readonly IReadOnlySet<string> groups;
    private readonly FleetOptions options;
    private readonly ActorSystem system;
    private readonly ILogger logger;
    private int disposed;

    private RmoteFleet(FleetHost[] hosts, IReadOnlySet<string> groups, FleetOptions options)
    {
        this.hosts = hosts;
        this.groups = groups;
        this.options = options;
        byName = hosts.ToDictionary(h => h.Name, StringComparer.Ordinal);
        logger = (options.Connection.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Rmote.Fleet");
        system = options.Connection.ActorSystem ?? SharedActorSystem.Get(options.Connection.LoggerFactory);
        Actor = system.ActorOf(RmoteFleetProps.For(hosts, groups, options));
    }

    /// <summary>The fleet actor: send it <see cref="FleetInvoke"/> to use this fleet's hosts and connections by message.</summary>
    public IActorRef Actor { get; }

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
        var (checkedHosts, checkedOptions) = RmoteFleetProps.Validate(hosts, options);
        return new RmoteFleet(checkedHosts, groups, checkedOptions);
    }

    /// <summary>The hosts matching <paramref name="pattern"/> (see <see cref="HostPattern"/>: <c>web:&amp;prod:!web3</c>).</summary>
    /// <exception cref="ArgumentException">The pattern is malformed or a term matches no host and no group.</exception>
    public FleetSelection Select(string pattern) => new(this, pattern, HostPattern.Select(hosts, pattern, groups));

    /// <summary>Connection actors created so far, over the fleet's life (a reused connection is not counted again).</summary>
    internal async Task<int> ConnectionsOpenedAsync() =>
        (await Actor.Ask<FleetActor.Stats>(FleetActor.GetStats.Instance, TimeSpan.FromSeconds(10)).ConfigureAwait(false)).Opened;

    /// <summary>
    /// Stops the fleet actor and with it every kept connection (their agents are asked to exit, then stopped); calls
    /// still running fail with <see cref="ObjectDisposedException"/>; returns once the agents have exited. Bounded: gives
    /// up waiting after 30 s.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1) return;
        var bound = Task.Delay(TimeSpan.FromSeconds(30));
        try
        {
            await Actor.GracefulStop(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            // The connections have stopped; their agents are still being asked to exit (and reaped) in the background.
            if (await Task.WhenAny(AgentShutdowns.For(system).WhenAllAsync(), bound).ConfigureAwait(false) == bound)
                logger.LogWarning("The fleet's agents did not all exit within 30 s");
        }
        catch (TaskCanceledException)
        {
            logger.LogWarning("The fleet actor did not stop within 30 s");
        }
    }

    private protected override Task<FleetResult<HostResult<T>>> RunAsync<T>(LambdaExpression call, TimeSpan? timeout,
        CancellationToken cancellationToken) =>
        RunOnAsync<T>(hosts, call, timeout, cancellationToken);

    private protected override Task<FleetResult<HostResult<TransferResult>>> RunUploadAsync(string localPath, string remotePath, TransferOptions options,
        TimeSpan? timeout, CancellationToken cancellationToken) =>
        FleetUpload.RunAsync(this, hosts, localPath, remotePath, options, timeout, cancellationToken);

    internal Task<FleetResult<HostResult<T>>> RunOnAsync<T>(IReadOnlyList<FleetHost> selected, LambdaExpression call,
        TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var (method, arguments) = ToolCallParser.Parse(call);   // evaluated once, for every host; a bad call throws here
        return InvokeOnAsync<T>(selected, ToolCall.For(method, arguments), timeout, Report, null, cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="call"/> on exactly the hosts <paramref name="selected"/> through the
    /// fleet actor, each host's steps told to <paramref name="report"/>; <paramref name="input"/>: what each host's tool reads.
    /// </summary>
    internal async Task<FleetResult<HostResult<T>>> InvokeOnAsync<T>(IReadOnlyList<FleetHost> selected, ToolCall call,
        TimeSpan? timeout, Action<HostProgress> report, Func<InvokeInput>? input, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) == 1, this);
        if (selected.Count == 0) return new FleetResult<HostResult<T>>([]);
        var completion = new TaskCompletionSource<FleetResult<HostResult<T>>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var invoke = new FleetInvoke(call, "all", 0, timeout, StreamHostOutcomes: true)
        {
            Input = input,
            Hosts = selected.Select(h => h.Name).ToHashSet(StringComparer.Ordinal),
        };
        var caller = system.ActorOf(FleetCall<T>.Props(Actor, invoke, byName, report, completion));
        await using (cancellationToken.Register(() =>
                     {
                         completion.TrySetCanceled(cancellationToken);
                         caller.Tell(PoisonPill.Instance);
                     }).ConfigureAwait(false))
        {
            return await completion.Task.ConfigureAwait(false);
        }
    }

    /// <summary>Whether the hosts' connections are the cluster's (<see cref="FleetOptions.ClusterHosts"/>).</summary>
    internal bool InCluster => options.ClusterHosts is not null;

    /// <summary>The fleet's log (category <c>Rmote.Fleet</c>).</summary>
    internal ILogger Logger => logger;

    /// <summary>Tells <see cref="FleetOptions.Progress"/> and <see cref="Progress"/> of a host's step.</summary>
    internal void Report(HostProgress progress)
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
