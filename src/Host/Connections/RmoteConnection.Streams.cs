using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Rmote.Actors.Invocation;
using Rmote.Actors.Links;
using Rmote.Protocol.Tools;

namespace Rmote;

public sealed partial class RmoteConnection
{
    /// <summary>
    /// Calls a streaming tool method (one returning <c>IAsyncEnumerable&lt;T&gt;</c>) and yields its items as the agent
    /// produces them: <c>await foreach (var line in conn.StreamAsync(() =&gt; Logs.Tail(path))) …</c>. The call starts
    /// when the enumeration does (the arguments are evaluated here, now). Flow control is end to end: the agent runs at
    /// most <see cref="DefaultStreamWindow"/> items ahead of the consumer, so a slow consumer pauses the tool itself.
    /// Leaving the loop early (<c>break</c>, an exception, <paramref name="cancellationToken"/> or the token given to
    /// <c>WithCancellation</c>) cancels the tool's token on the agent and runs its <c>finally</c> blocks.
    /// Streams have no call timeout (a tail may run for days): bound them with the token.
    /// </summary>
    /// <exception cref="ArgumentException">The expression is not a call of a streaming method of a [Tool] class.</exception>
    /// <exception cref="ConnectionLostException">Thrown by the enumeration when the agent goes away (after the items that arrived).</exception>
    /// <exception cref="OperationCanceledException">Thrown by the enumeration when the token is cancelled.</exception>
    /// <remarks>An exception thrown by the tool mid-stream is rethrown with its original type after the items before it.</remarks>
    public IAsyncEnumerable<T> StreamAsync<T>(Expression<Func<IAsyncEnumerable<T>>> call, CancellationToken cancellationToken = default) =>
        StreamAsync(call, DefaultStreamWindow, cancellationToken);

    /// <summary>
    /// <see cref="StreamAsync{T}(Expression{Func{IAsyncEnumerable{T}}}, CancellationToken)"/> with its own window: at
    /// most <paramref name="window"/> items are in flight or buffered, which bounds the memory of the stream on both
    /// sides to about <paramref name="window"/> × the item size. Larger windows go faster for small items.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> is not between 1 and 65536.</exception>
    /// <inheritdoc cref="StreamAsync{T}(Expression{Func{IAsyncEnumerable{T}}}, CancellationToken)" path="/exception"/>
    public IAsyncEnumerable<T> StreamAsync<T>(Expression<Func<IAsyncEnumerable<T>>> call, int window, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(window);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(window, MaxStreamWindow);
        var (method, arguments) = ToolCallParser.Parse(call);
        if (!method.IsStream) throw new ArgumentException($"{method.Key} does not return IAsyncEnumerable<T>; call it with CallAsync.", nameof(call));
        return EnumerateAsync<T>(method, method.EncodeArguments(arguments), window, CallResult.ToolToken(arguments), cancellationToken);
    }

    /// <summary>Items a stream may have in flight unless a window is given: 64.</summary>
    public const int DefaultStreamWindow = Link.DefaultStreamWindow;

    /// <summary>The largest window a stream may ask for.</summary>
    public const int MaxStreamWindow = 65536;

    private async IAsyncEnumerable<T> EnumerateAsync<T>(ToolMethod method, byte[] payload, int window, CancellationToken? toolToken,
        CancellationToken callToken, [EnumeratorCancellation] CancellationToken enumeratorToken = default)
    {
        // The call's token, the one given to WithCancellation and one passed to the tool in the expression all stop it.
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(callToken, enumeratorToken, toolToken ?? default);
        var link = await holder.GetAsync(linked.Token).ConfigureAwait(false);
        await foreach (var item in link.StreamAsync(method, payload, window, linked.Token).ConfigureAwait(false))
            yield return (T)item!;
    }

    /// <summary>
    /// The chunks of a streaming method of <c>byte[]</c> (a file download), for a consumer that uses each chunk before
    /// it asks for the next: a chunk is valid until the enumeration moves on or ends (its pooled array is then reused),
    /// so nothing is allocated per chunk. Flow control, cancellation and failures as in <see cref="StreamAsync{T}(Expression{Func{IAsyncEnumerable{T}}}, int, CancellationToken)"/>.
    /// </summary>
    internal async IAsyncEnumerable<ReadOnlyMemory<byte>> StreamChunksAsync(Expression<Func<IAsyncEnumerable<byte[]>>> call, int window,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var (method, arguments) = ToolCallParser.Parse(call);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, CallResult.ToolToken(arguments) ?? default);
        var link = await holder.GetAsync(linked.Token).ConfigureAwait(false);
        await foreach (var chunk in link.StreamChunksAsync(method, method.EncodeArguments(arguments), window, linked.Token).ConfigureAwait(false))
            yield return chunk;
    }
}
