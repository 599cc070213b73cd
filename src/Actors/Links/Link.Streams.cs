using System.Runtime.CompilerServices;
using Rmote.Protocol.Framing;
using Rmote.Protocol.Messages;
using Rmote.Protocol.Tools;

namespace Rmote.Actors.Links;

// Streaming calls: the request, then STREAM_DEMAND for the whole window; each item the consumer takes out of the
// buffer is granted again (in batches of half the window), so the agent runs at most one window ahead of the
// consumer and both sides buffer at most that much.
internal sealed partial class Link
{
    /// <summary>Items a stream may have outstanding unless the caller says otherwise.</summary>
    public const int DefaultStreamWindow = 64;

    /// <summary>
    /// Runs the streaming method <paramref name="method"/> with the request payload <paramref name="arguments"/> and
    /// yields its decoded items. Leaving the enumeration early (break, exception, <paramref name="cancellationToken"/>)
    /// sends CANCEL, so the tool's token fires and its enumerator is disposed on the agent.
    /// </summary>
    public IAsyncEnumerable<object?> StreamAsync(ToolMethod method, ReadOnlyMemory<byte> arguments, int window, CancellationToken cancellationToken) =>
        StreamAsync<object?, DecodedItems>(method, arguments, window, cancellationToken);

    /// <summary>
    /// <see cref="StreamAsync(ToolMethod, ReadOnlyMemory{byte}, int, CancellationToken)"/> for a method streaming
    /// <c>byte[]</c> chunks whose consumer uses each chunk before it asks for the next one (a download writing them to
    /// a file): a chunk is only valid until the enumeration moves on or ends, because its pooled array then goes back
    /// to the pool — copy what you keep. Nothing is allocated per chunk.
    /// </summary>
    public IAsyncEnumerable<ReadOnlyMemory<byte>> StreamChunksAsync(ToolMethod method, ReadOnlyMemory<byte> arguments, int window, CancellationToken cancellationToken) =>
        method.ResultType == typeof(byte[])
            ? StreamAsync<ReadOnlyMemory<byte>, PooledChunks>(method, arguments, window, cancellationToken)
            : throw new ArgumentException($"{method.Key} does not stream byte[] chunks.", nameof(method));

    // What the consumer gets of each item frame, and when the frame's lease goes back (a struct: no virtual calls).
    private interface IItemView<out T>
    {
        static abstract T View(ToolMethod method, in Frame item);

        static abstract void Used(in Frame item);
    }

    private readonly struct DecodedItems : IItemView<object?>
    {
        // A whole pooled array becomes the item (the caller keeps it: it leaves the pool); otherwise the item is a copy
        // (or JSON decoded from it) and the array goes back at once.
        public static object? View(ToolMethod method, in Frame item)
        {
            var decoded = method.DecodeItem(item);
            if (item.Lease is { } lease && !ReferenceEquals(decoded, lease)) PayloadPool.Arrays.Return(lease);
            return decoded;
        }

        public static void Used(in Frame item)
        {
        }
    }

    private readonly struct PooledChunks : IItemView<ReadOnlyMemory<byte>>
    {
        public static ReadOnlyMemory<byte> View(ToolMethod method, in Frame item) =>
            item.Has(FrameFlags.Binary) ? item.Payload : (byte[]?)method.DecodeItem(item);

        // The consumer asked for the next chunk, or left: it is done with this one.
        public static void Used(in Frame item) => item.ReturnLease();
    }

    private async IAsyncEnumerable<T> StreamAsync<T, TView>(ToolMethod method, ReadOnlyMemory<byte> arguments, int window,
        [EnumeratorCancellation] CancellationToken cancellationToken) where TView : struct, IItemView<T>
    {
        ThrowIfClosed();
        if (!method.IsStream) throw new ArgumentException($"{method.Key} does not return IAsyncEnumerable<T>; call it with CallAsync.", nameof(method));
        cancellationToken.ThrowIfCancellationRequested();
        await ToolSync.EnsureSyncedAsync(method.ToolType.Assembly, cancellationToken).ConfigureAwait(false);

        var id = NextId();
        var stream = Streams.Register(id, window);
        var ended = false;
        try
        {
            await SendAsync(new Frame(FrameFlags.Request | FrameFlags.Rpc, id, arguments), cancellationToken).ConfigureAwait(false);
            await SendAsync(StreamMessages.Demand(id, window), cancellationToken).ConfigureAwait(false);
            var batch = Math.Max(1, window / 2);
            var taken = 0;
            var items = stream.Items;
            while (await items.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (items.TryRead(out var item))
                {
                    if (++taken >= batch)
                    {
                        await SendAsync(StreamMessages.Demand(id, taken), cancellationToken).ConfigureAwait(false);
                        taken = 0;
                    }
                    try
                    {
                        yield return TView.View(method, item);
                    }
                    finally
                    {
                        TView.Used(item);
                    }
                }
            }
            ended = true;
        }
        finally
        {
            // Still open: the consumer left (or the send failed). Stop the tool; its late items and end are dropped.
            if (!ended && Streams.TryAbandon(id) && !TrySend(ProtocolMessages.Cancel(id)))
                correlator.Tell(new RpcCorrelator.CallAbandoned(id, new OperationCanceledException("The stream's consumer left.")), ActorRefs.NoSender);
        }
    }

    private static ArgumentException NotACall(ToolMethod method) =>
        new($"{method.Key} returns IAsyncEnumerable<T>: enumerate it with StreamAsync instead of calling it.", "call");
}
