using System.Runtime.InteropServices;
using System.Text.Json;
using Rmote.Protocol.Framing;
using Rmote.Protocol.Serialization;

namespace Rmote.Protocol.Tools;

// The stream payloads of a method returning IAsyncEnumerable<T>: each item is a STREAM_ITEM frame carrying the JSON of
// T (or the raw bytes of a byte[] item, flag Binary); the end is the request's ordinary RPC response with an empty
// payload, a failure its EXCEPTION response. docs/protocol.md ("Streams") describes the exchange.
public sealed partial class ToolMethod
{
    /// <summary>Whether the method returns <c>IAsyncEnumerable&lt;T&gt;</c> (call it with <c>StreamAsync</c>).</summary>
    public bool IsStream => ReturnKind == ToolReturnKind.AsyncEnumerable;

    /// <summary>Agent: the STREAM_ITEM frame carrying <paramref name="item"/> of the stream answering request <paramref name="id"/>.</summary>
    public Frame CreateItem(ulong id, object? item) =>
        item is byte[] bytes && ResultType == typeof(byte[])
            ? new Frame(FrameFlags.StreamItem | FrameFlags.Binary, id, bytes)
            : new Frame(FrameFlags.StreamItem, id, JsonSerializer.SerializeToUtf8Bytes(item, resultContract!));

    /// <summary>Agent: the RESPONSE|RPC frame that ends the stream answering request <paramref name="id"/> normally.</summary>
    public static Frame CreateStreamEnd(ulong id) => new(FrameFlags.Response | FrameFlags.Rpc, id, ReadOnlyMemory<byte>.Empty);

    /// <summary>Host: the item carried by a STREAM_ITEM frame of this method's stream.</summary>
    /// <exception cref="ProtocolException">The payload does not decode as the item type.</exception>
    public object? DecodeItem(in Frame item)
    {
        if (item.Has(FrameFlags.Binary))
        {
            return MemoryMarshal.TryGetArray(item.Payload, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
                ? segment.Array
                : item.Payload.ToArray();
        }

        return PayloadSerializer.Deserialize(item.Payload.Span, resultContract!);
    }
}
