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
    public async IAsyncEnumerable<object?> StreamAsync(ToolMethod method, ReadOnlyMemory<byte> arguments, int window,
        [EnumeratorCancellation] CancellationToken cancellationToken)
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
                    yield return method.DecodeItem(item);
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
