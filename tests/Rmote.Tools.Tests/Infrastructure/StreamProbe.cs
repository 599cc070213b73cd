namespace Rmote.Tools.Tests.Infrastructure;

/// <summary>
/// Reads a remote stream item by item with a generous bound on each wait (a stream that should produce an item and
/// does not fails the test instead of hanging it); disposing it leaves the stream, as <c>break</c> does.
/// </summary>
public sealed class StreamProbe<T>(IAsyncEnumerable<T> stream) : IAsyncDisposable
{
    private readonly IAsyncEnumerator<T> items = stream.GetAsyncEnumerator();

    /// <summary>The next item.</summary>
    public async Task<T> NextAsync()
    {
        Assert.True(await items.MoveNextAsync().AsTask().WaitAsync(Eventually.Bound), "the stream ended");
        return items.Current;
    }

    /// <summary>The next <paramref name="count"/> items.</summary>
    public async Task<List<T>> TakeAsync(int count)
    {
        var taken = new List<T>(count);
        for (var i = 0; i < count; i++) taken.Add(await NextAsync());
        return taken;
    }

    /// <summary>Every remaining item, until the stream ends (or throws).</summary>
    public async Task<List<T>> RestAsync()
    {
        var rest = new List<T>();
        while (await items.MoveNextAsync().AsTask().WaitAsync(Eventually.Bound)) rest.Add(items.Current);
        return rest;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => items.DisposeAsync();
}
