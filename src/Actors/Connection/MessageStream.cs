using Rmote.Protocol.Tools;

namespace Rmote.Actors.Connection;

/// <summary>
/// One stream started by an <see cref="InvokeStream"/>: who asked, how many items it still has room for, and the
/// enumeration of the link's stream, which is pulled one item at a time and only while there is demand — so the link's
/// credit (and with it the tool on the agent) follows the requester's demand. Owned by the
/// <see cref="ConnectionActor"/>; the one pull in flight runs off the actor and reports back as <see cref="Pulled"/>.
/// </summary>
internal sealed class MessageStream(long sequence, IActorRef requester, long correlationId, ToolMethod method, byte[] arguments, int window)
{
    private readonly CancellationTokenSource stop = new();
    private IAsyncEnumerator<object?>? items;

    /// <summary>The outcome of one pull: an item, the end (no item, no failure) or the failure.</summary>
    public sealed record Pulled(long Sequence, bool HasItem, object? Item, Exception? Failure) : IDeadLetterSuppression;

    /// <summary>The connection's own number for the stream.</summary>
    public long Sequence { get; } = sequence;

    /// <summary>The actor that asked; items go to it.</summary>
    public IActorRef Requester { get; } = requester;

    /// <summary>The requester's name for the stream.</summary>
    public long CorrelationId { get; } = correlationId;

    /// <summary>Items the requester has room for and has not been sent yet (the window at first).</summary>
    public long Demand { get; set; } = window;

    /// <summary>Whether the enumeration has started on a link (a stream still waiting for one moves to the next link).</summary>
    public bool Started => Volatile.Read(ref items) is not null;

    /// <summary>Whether a pull is in flight.</summary>
    public bool Pulling { get; private set; }

    /// <summary>Whether the stream was stopped (ended, failed, cancelled); a pull may still be in flight.</summary>
    public bool Closed { get; private set; }

    /// <summary>Starts pulling the next item (waiting for a link first); its outcome comes to <paramref name="self"/>.</summary>
    public void Pull(LinkHolder holder, IActorRef self)
    {
        Pulling = true;
        NextAsync(holder).PipeTo(self);
    }

    /// <summary>The pull in flight has reported.</summary>
    public void Returned() => Pulling = false;

    /// <summary>
    /// Stops the stream: the token fires, and the enumeration is disposed (its <c>finally</c> sends CANCEL, so the
    /// tool's token fires on the agent) — now, or when the pull in flight returns.
    /// </summary>
    public void Close()
    {
        if (!Closed)
        {
            Closed = true;
            stop.Cancel();
        }
        if (!Pulling) _ = DisposeAsync();
    }

    private async Task<Pulled> NextAsync(LinkHolder holder)
    {
        try
        {
            items ??= (await holder.GetAsync(stop.Token).ConfigureAwait(false)).StreamAsync(method, arguments, window, stop.Token).GetAsyncEnumerator(stop.Token);
            return await items.MoveNextAsync().ConfigureAwait(false)
                ? new Pulled(Sequence, true, items.Current, null)
                : new Pulled(Sequence, false, null, null);
        }
        catch (Exception failure)
        {
            return new Pulled(Sequence, false, null, failure);
        }
    }

    private async Task DisposeAsync()
    {
        try
        {
            if (Interlocked.Exchange(ref items, null) is { } enumerator) await enumerator.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The stream is over for its requester; how its clean-up went is nobody's answer.
        }
        finally
        {
            stop.Dispose();
        }
    }
}
