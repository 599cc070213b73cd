using System.Collections.Concurrent;
using Rmote.Protocol.Framing;
using Rmote.Protocol.Tools;

namespace Rmote;

/// <summary>
/// Bytes the host streams into the current call — what <c>RmoteConnection.UploadAsync</c> sends to the built-in
/// transfer tool. A tool reads them with <see cref="ReadAsync"/>; flow control is end to end (the host sends no more
/// than the tool has room for), so a slow disk slows the host's reads instead of filling memory.
/// </summary>
public static class ToolInput
{
    /// <summary>Chunks a call may have in flight (granted and not yet read).</summary>
    public const int Window = 64;

    private static readonly ConcurrentDictionary<ulong, InboundStream> Open = new();
    private static Func<Frame, ValueTask>? sender;

    /// <summary>
    /// The chunks the host sends to the current call, in order, until it says the input is complete. Call it once per
    /// call; outside a remote call there is no input. A chunk is valid until the loop asks for the next one or ends:
    /// its memory is pooled and reused for later chunks, so copy (<c>ToArray()</c>) what you keep beyond that.
    /// </summary>
    /// <exception cref="InvalidOperationException">Not inside a remote call, or the input is already being read.</exception>
    /// <exception cref="EndOfStreamException">The call ended before the host completed its input.</exception>
    public static IAsyncEnumerable<ReadOnlyMemory<byte>> ReadAsync(CancellationToken cancellationToken = default)
    {
        var call = ToolContext.Current ?? throw new InvalidOperationException("ToolInput.ReadAsync is only available inside a remote call.");
        var send = Volatile.Read(ref sender) ?? throw new InvalidOperationException("This process does not serve a connection.");
        var stream = new InboundStream(call.RequestId, Window, send);
        if (!Open.TryAdd(call.RequestId, stream)) throw new InvalidOperationException("The call's input is already being read.");
        return stream.ReadAllAsync(cancellationToken);
    }

    /// <summary>Agent: installs how demand frames are sent (the agent's outbox).</summary>
    internal static void UseSender(Func<Frame, ValueTask>? send) => Volatile.Write(ref sender, send);

    /// <summary>Agent: delivers a host → agent STREAM_ITEM or STREAM_END frame; false when no call reads input with that id.</summary>
    internal static bool TryDeliver(in Frame frame)
    {
        if (!Open.TryGetValue(frame.Id, out var stream)) return false;
        if (!stream.TryDeliver(frame))
        {
            frame.ReturnLease();   // not buffered: nobody else holds it
            Forget(frame.Id, new ProtocolException($"The host sent more than the {Window} chunks granted to call {frame.Id}."));
        }
        return true;
    }

    /// <summary>Agent: the call <paramref name="id"/> ended; its input, if any, ends.</summary>
    internal static void Forget(ulong id)
    {
        if (!Open.IsEmpty && Open.TryRemove(id, out var stream)) stream.Fail(new EndOfStreamException($"Call {id} ended before its input did."));
    }

    private static void Forget(ulong id, Exception reason)
    {
        if (Open.TryRemove(id, out var stream)) stream.Fail(reason);
    }
}
