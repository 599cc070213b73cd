using Rmote.Protocol.Compression;
using Rmote.Protocol.Framing;
using Rmote.Protocol.Tools;

namespace Rmote.Actors.Links;

// Calls that stream input to the agent (uploads): the request, then raw STREAM_ITEM chunks as fast as the agent's
// STREAM_DEMAND credit allows (it grants a window when the tool starts reading, then again as it consumes), then
// STREAM_END; the call's ordinary response ends it. At most a window of chunks is in memory on either side.
internal sealed partial class Link
{
    /// <summary>Credit of the calls this link streams input to.</summary>
    public PendingInputs Inputs { get; } = new();

    /// <summary>
    /// Calls <paramref name="method"/> (encoded <paramref name="arguments"/>) while streaming <paramref name="source"/>
    /// to it in chunks of <paramref name="chunkSize"/> bytes (the tool reads them with <c>ToolInput.ReadAsync</c>);
    /// <paramref name="sent"/> is told the size of every chunk written. Returns the decoded result.
    /// <paramref name="limit"/> (<see langword="null"/>: none) bounds the whole call, as in
    /// <see cref="InvokeAsync"/>: past it the call fails with <see cref="TimeoutException"/>. Cancelling, or the limit,
    /// sends CANCEL: the tool's token fires and it cleans up.
    /// </summary>
    public async Task<object?> InvokeWithInputAsync(ToolMethod method, ReadOnlyMemory<byte> arguments, Stream source, int chunkSize,
        Action<int>? sent, TimeSpan? limit, CancellationToken cancellationToken)
    {
        ThrowIfClosed();
        if (method.IsStream) throw NotACall(method);
        cancellationToken.ThrowIfCancellationRequested();
        using var deadline = limit is { } span ? StartDeadline(span, cancellationToken) : null;
        var token = deadline?.Token ?? cancellationToken;
        try
        {
            await ToolSync.EnsureSyncedAsync(method.ToolType.Assembly, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && deadline is { IsCancellationRequested: true })
        {
            throw TimedOut(limit!.Value);
        }

        var id = NextId();
        var credit = Inputs.Open(id);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(token);
        Task pump = Task.CompletedTask;
        try
        {
            var call = Calls.Register(id);
            Watch(call, token, limit, cancellationToken);
            try
            {
                await SendAsync(new Frame(FrameFlags.Request | FrameFlags.Rpc, id, arguments), token).ConfigureAwait(false);
                pump = PumpAsync(id, credit, source, chunkSize, sent, stop.Token);
                if (await Task.WhenAny(call.Task, pump).ConfigureAwait(false) == pump && pump.IsFaulted && Calls.TryFail(id, pump.Exception!.InnerException!))
                {
                    // Reading the source failed: the call ends with that failure and the tool is cancelled.
                    correlator.Tell(new RpcCorrelator.CallAbandoned(id, pump.Exception.InnerException!), ActorRefs.NoSender);
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                // The watch has ended the call already (timeout or cancellation).
            }
            return method.DecodeResult(await call.Task.ConfigureAwait(false));
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await pump.ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Stopped because the call ended; its outcome is what counts.
            }
            Inputs.Close(id);
        }
    }

    private async Task PumpAsync(ulong id, SemaphoreSlim credit, Stream source, int chunkSize, Action<int>? sent, CancellationToken cancellationToken)
    {
        var compression = new StreamCompression();
        while (true)
        {
            await credit.WaitAsync(cancellationToken).ConfigureAwait(false);
            // A pooled array per chunk, leased to the frame: the writer returns it once it has written the frame. Until
            // the frame is sent it is ours; a read or send that fails leaves it to the garbage collector (never
            // returned while the writer might still hold it).
            var chunk = PayloadPool.Arrays.Rent(chunkSize);
            var read = await source.ReadAtLeastAsync(chunk.AsMemory(0, chunkSize), chunkSize, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            if (read > 0)
            {
                var frame = new Frame(FrameFlags.StreamItem | FrameFlags.Binary, id, chunk.AsMemory(0, read)) { Lease = chunk };
                await SendAsync(compression.Apply(frame), cancellationToken).ConfigureAwait(false);
                sent?.Invoke(read);
            }
            else PayloadPool.Arrays.Return(chunk);
            if (read < chunkSize) break;
        }
        await SendAsync(new Frame(FrameFlags.StreamEnd, id, ReadOnlyMemory<byte>.Empty), cancellationToken).ConfigureAwait(false);
    }
}
