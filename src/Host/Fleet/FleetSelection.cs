using Rmote.Fleet;

namespace Rmote;

/// <summary>
/// Some hosts of a <see cref="RmoteFleet"/>, picked with <see cref="RmoteFleet.Select"/>: calls on it run on those
/// hosts only, over the fleet's kept connections and throttle. Valid as long as the fleet is.
/// </summary>
public sealed class FleetSelection : FleetCallTarget
{
    private readonly RmoteFleet fleet;

    internal FleetSelection(RmoteFleet fleet, string pattern, IReadOnlyList<FleetHost> hosts)
    {
        this.fleet = fleet;
        Pattern = pattern;
        Hosts = hosts;
    }

    /// <summary>The pattern this selection was made with.</summary>
    public string Pattern { get; }

    /// <inheritdoc />
    public override IReadOnlyList<FleetHost> Hosts { get; }

    private protected override Task<FleetResult<HostResult<T>>> RunAsync<T>(System.Linq.Expressions.LambdaExpression call, TimeSpan? timeout,
        CancellationToken cancellationToken) =>
        fleet.RunOnAsync<T>(Hosts, call, timeout, cancellationToken);

    private protected override Task<FleetResult<HostResult<TransferResult>>> RunUploadAsync(string localPath, string remotePath, TransferOptions options,
        TimeSpan? timeout, CancellationToken cancellationToken) =>
        FleetUpload.RunAsync(fleet, Hosts, localPath, remotePath, options, timeout, cancellationToken);
}
