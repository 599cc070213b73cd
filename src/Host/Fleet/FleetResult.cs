using System.Collections;

namespace Rmote;

/// <summary>Every selected host's outcome of one fleet call, in the fleet's host order.</summary>
/// <typeparam name="TResult"><see cref="HostResult"/> for calls without a result, <see cref="HostResult{T}"/> otherwise.</typeparam>
public sealed class FleetResult<TResult> : IReadOnlyList<TResult> where TResult : HostResult
{
    private readonly TResult[] results;

    internal FleetResult(TResult[] results) => this.results = results;

    /// <summary>The hosts where the call succeeded.</summary>
    public IReadOnlyList<TResult> Succeeded => results.Where(r => r.Succeeded).ToArray();

    /// <summary>The hosts where it failed (see each <see cref="HostResult.Failure"/>).</summary>
    public IReadOnlyList<TResult> Failed => results.Where(r => !r.Succeeded).ToArray();

    /// <summary>Whether it succeeded on every selected host (true for an empty selection).</summary>
    public bool AllSucceeded => results.All(r => r.Succeeded);

    /// <summary>The result of the host named <paramref name="host"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such host in this result.</exception>
    public TResult this[string host] =>
        results.FirstOrDefault(r => r.Host.Name == host) ?? throw new KeyNotFoundException($"No host '{host}' in this result.");

    /// <inheritdoc />
    public TResult this[int index] => results[index];

    /// <inheritdoc />
    public int Count => results.Length;

    /// <inheritdoc />
    public IEnumerator<TResult> GetEnumerator() => ((IEnumerable<TResult>)results).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public override string ToString() => $"{Succeeded.Count} ok, {Failed.Count} failed";
}
