namespace Rmote.Benchmarks.Peer;

/// <summary>
/// The Python rmote alone (<c>peer</c>): the figures the cold suite also takes for it, for a quick look at the peer.
/// Skips with a message (and an empty report) unless <see cref="PeerRmote.PathVariable"/> names an rmote checkout.
/// </summary>
public sealed class PeerSuite : IBenchmarkSuite
{
    public string Name => "peer";

    public async Task<IReadOnlyDictionary<string, double>> RunAsync(int runs, TextWriter log, CancellationToken cancellationToken)
    {
        if (PeerRmote.TryCreate() is not { } peer)
        {
            log.WriteLine(PeerRmote.Unavailable);
            return new Dictionary<string, double>();
        }

        var samples = new Samples(log);
        for (var run = 0; run < runs; run++) await peer.MeasureAsync(samples, cancellationToken);
        return samples.Medians();
    }
}
