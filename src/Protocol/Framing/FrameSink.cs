using System.Threading.Channels;
using Rmote.Protocol.Messages;

namespace Rmote.Protocol.Framing;

/// <summary>
/// The sending half of a connection, used the same way by host and agent. A small frame sent while nothing else is
/// being written goes straight to the stream on the caller's thread (the sync fast path: no queue, no thread hop —
/// that is most of a sequential round trip's cost). Under contention frames queue in a bounded channel (callers of
/// <see cref="SendAsync"/> wait when it is full: backpressure) and one pump drains the queue into batches, each written
/// and flushed with a single call. Large frames always go through the pump, which sends a payload above
/// <see cref="FrameCodecOptions.ChunkSize"/> as chunks (<see cref="FrameFlags.Stream"/>) and writes everything small
/// that is queued between two chunks: a 64 MiB result in progress delays a small reply by one chunk at most.
/// A frame with a <see cref="Frame.Lease"/> belongs to the sink once <see cref="TrySend"/> or <see cref="SendAsync"/>
/// has taken it (not when they return false or throw): its array goes back to the pool when the write that carried it
/// has completed.
/// </summary>
public sealed class FrameSink : IDisposable
{
    // Frames up to this size may be written inline by the sender.
    private const int InlineLimit = 16 * 1024;

    // A batch is cut at this size so one burst of large frames does not hold everything else back for long.
    private const long MaxBatchBytes = 1024 * 1024;

    private readonly Stream stream;
    private readonly Channel<Frame> queue;
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly FrameEncoder encoder;
    private readonly FrameCodecOptions codec;
    private readonly ChunkedFrames chunked;
    private readonly int inlineLimit;
    private readonly List<byte[]> held = [];
    private readonly TaskCompletionSource drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Exception? fault;

    /// <summary>Creates a sink writing to <paramref name="stream"/>, queueing at most <paramref name="capacity"/> frames.</summary>
    public FrameSink(Stream stream, FrameCodecOptions? codec = null, int capacity = 4096)
    {
        ArgumentNullException.ThrowIfNull(stream);
        this.stream = stream;
        this.codec = codec ?? FrameCodecOptions.Default;
        encoder = new FrameEncoder(this.codec);
        chunked = new ChunkedFrames(this.codec.ChunkSize);
        inlineLimit = Math.Min(InlineLimit, this.codec.ChunkSize);
        queue = Channel.CreateBounded<Frame>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Why writing failed, once it has.</summary>
    public Exception? Fault => Volatile.Read(ref fault);

    /// <summary>Completes when the pump has ended: everything queued was written, or writing failed or was cancelled.</summary>
    public Task Drained => drained.Task;

    /// <summary>Sends without waiting: written inline, or queued; false when the queue is full or the sink is closed.</summary>
    public bool TrySend(in Frame frame) => TryWriteInline(frame) || queue.Writer.TryWrite(frame);

    /// <summary>Sends <paramref name="frame"/>, waiting while the queue is full.</summary>
    /// <exception cref="ChannelClosedException">The sink was completed or has failed.</exception>
    public ValueTask SendAsync(Frame frame, CancellationToken cancellationToken = default) =>
        TrySend(frame) ? ValueTask.CompletedTask : queue.Writer.WriteAsync(frame, cancellationToken);

    /// <summary>No more frames: the pump writes what is queued and ends.</summary>
    public void Complete(Exception? error = null) => queue.Writer.TryComplete(error);

    /// <summary>
    /// The pump: drains queued frames in batches until <see cref="Complete"/> or cancellation. Throws the write error
    /// (also one met by an inline writer), which is the connection's end.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            var reader = queue.Reader;
            while (!chunked.IsEmpty || await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    ThrowIfFaulted();
                    // Everything small first; a large frame is parked and sent one chunk per batch.
                    while (encoder.PendingBytes < MaxBatchBytes && reader.TryRead(out var frame))
                    {
                        if (chunked.TryPark(frame, codec.MaxFrameSize)) continue;
                        Append(frame);
                        Hold(frame);
                    }
                    if (chunked.TryTakeChunk(out var chunk))
                    {
                        encoder.Append(chunk);
                        Hold(chunk);
                    }
                    await encoder.FlushAsync(stream, cancellationToken).ConfigureAwait(false);
                    ReturnHeld();
                }
                catch (Exception failure) when (failure is not OperationCanceledException)
                {
                    Interlocked.CompareExchange(ref fault, failure, null);
                    queue.Writer.TryComplete(failure);
                    throw;
                }
                finally
                {
                    // After a failed or cancelled write nothing is returned: the leases become garbage, which is safe.
                    held.Clear();
                    gate.Release();
                }
            }
            ThrowIfFaulted();
        }
        finally
        {
            drained.TrySetResult();
        }
    }

    // The leases of the batch being written, returned once its write has completed.
    private void Hold(in Frame frame)
    {
        if (frame.Lease is { } lease) held.Add(lease);
    }

    private void ReturnHeld()
    {
        foreach (var lease in held) PayloadPool.Arrays.Return(lease);
        held.Clear();
    }

    /// <summary>Returns the encoder's pooled buffer.</summary>
    public void Dispose()
    {
        queue.Writer.TryComplete();
        if (gate.Wait(TimeSpan.FromSeconds(1))) encoder.Dispose();
    }

    private bool TryWriteInline(in Frame frame)
    {
        // Only when nothing is queued (order of queued frames is kept) and nobody is writing.
        if (frame.Payload.Length > inlineLimit || queue.Reader.Count > 0 || fault is not null || !gate.Wait(0)) return false;
        try
        {
            // Nor while a large frame is going out in chunks: it may be of the same stream (see ChunkedFrames.TryPark).
            if (!chunked.IsEmpty) return false;
            encoder.Append(frame);
            encoder.Flush(stream);
            frame.ReturnLease();
            return true;
        }
        catch (Exception failure) when (failure is IOException or ObjectDisposedException)
        {
            // Report through the pump: it completes the queue with the fault, which the owner sees as a failure.
            Interlocked.CompareExchange(ref fault, failure, null);
            queue.Writer.TryComplete(failure);
            return true;
        }
        finally
        {
            gate.Release();
        }
    }

    private void Append(in Frame frame)
    {
        try
        {
            encoder.Append(frame);
        }
        catch (ProtocolException tooLarge) when (frame.IsResponse && !frame.IsException)
        {
            // A result larger than the frame limit fails that one call instead of the connection.
            encoder.Append(ProtocolMessages.Failure(frame.Kind, frame.Id, tooLarge));
        }
    }

    private void ThrowIfFaulted()
    {
        if (Volatile.Read(ref fault) is { } failure) throw new IOException($"Writing to the peer failed: {failure.Message}", failure);
    }
}
