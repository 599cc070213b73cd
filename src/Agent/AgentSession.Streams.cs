using Rmote.Agent.Dispatch;
using Rmote.Protocol.Compression;
using Rmote.Protocol.Framing;
using Rmote.Protocol.Tools;

namespace Rmote.Agent;

// Streaming calls (tool methods returning IAsyncEnumerable<T>): each item goes out as a STREAM_ITEM frame as soon as
// the host has granted credit for it, so a slow consumer pauses the tool itself — it waits inside its own `yield
// return` — and neither side buffers more than the granted window.
internal sealed partial class AgentSession
{
    private async Task<Frame> ServeStreamAsync(ToolInvoker invoker, object?[] arguments, ToolCall call, CancellationToken cancellationToken)
    {
        var id = call.RequestId;
        var credit = calls.OpenStream(id);
        var compression = new StreamCompression();
        try
        {
            var stream = await invoker.InvokeAsync(arguments).ConfigureAwait(false);
            // Disposing the enumerator (cancelled, failed or done) runs the tool's finally blocks.
            await using var items = invoker.Enumerate(stream, cancellationToken);
            while (true)
            {
                // Credit first, then the next item: the tool is not asked for an item nobody has room for.
                await credit.WaitAsync(cancellationToken).ConfigureAwait(false);
                if (!await items.MoveNextAsync().ConfigureAwait(false)) break;
                var current = items.Current;
                var item = invoker.Method.CreateItem(id, current);
                if (call.PooledItem is { } pooled)
                {
                    // The tool handed its pooled array over: the outbox returns it once written.
                    call.PooledItem = null;
                    if (ReferenceEquals(pooled, current) && item.Has(FrameFlags.Binary)) item = item with { Lease = pooled };
                }
                await outbox.PostAsync(item.Has(FrameFlags.Binary) ? compression.Apply(item) : item).ConfigureAwait(false);
            }

            return ToolMethod.CreateStreamEnd(id);
        }
        finally
        {
            calls.CloseStream(id);
        }
    }
}
