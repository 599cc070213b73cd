namespace Rmote.Protocol.Framing;

/// <summary>
/// The flags word of a frame header. Bits 0–6 are rmote's; bits 7 and up are Rmote.Actors' own (docs/protocol.md
/// describes each). A frame has one direction bit (<see cref="Request"/> or <see cref="Response"/>, or neither for
/// one-way frames) and one kind bit; a response repeats the kind of its request and adds <see cref="Exception"/> on
/// failure.
/// </summary>
[Flags]
public enum FrameFlags : uint
{
    /// <summary>No flag.</summary>
    None = 0,

    /// <summary>The payload is compressed (see <c>PayloadCompression</c>). Decoders remove the compression.</summary>
    Compressed = 1 << 0,

    /// <summary>The frame asks for a response carrying the same id.</summary>
    Request = 1 << 1,

    /// <summary>The frame answers the request with the same id sent by the other side.</summary>
    Response = 1 << 2,

    /// <summary>Host → agent: load this tool assembly (payload: the assembly image).</summary>
    Sync = 1 << 3,

    /// <summary>A tool method call (request) or its result (response).</summary>
    Rpc = 1 << 4,

    /// <summary>The response reports a failure; the payload is an <c>ExceptionPayload</c>.</summary>
    Exception = 1 << 5,

    /// <summary>Agent → host, one-way, id 0: a log record.</summary>
    Log = 1 << 6,

    /// <summary>Host → agent, one-way: cancel the call whose request id is the frame id. No response.</summary>
    Cancel = 1 << 7,

    /// <summary>Either direction, request: liveness probe; answered by <see cref="Pong"/> with the same id and payload.</summary>
    Ping = 1 << 8,

    /// <summary>The answer to <see cref="Ping"/> (sent with <see cref="Response"/>).</summary>
    Pong = 1 << 9,

    /// <summary>Agent → host, request: send the assembly named in the payload; the response carries its image or is empty.</summary>
    Dependency = 1 << 10,

    /// <summary>Host → agent, one-way: finish, flush pending output and exit. Reserved for graceful shutdown.</summary>
    Shutdown = 1 << 11,

    /// <summary>Reserved: one chunk of a streamed result (the final chunk is a normal response).</summary>
    Stream = 1 << 12,

    /// <summary>Reserved: flow-control credit (how many more requests the sender may have in flight).</summary>
    Credit = 1 << 13,

    /// <summary>Reserved: capability and session exchange after the handshake (protocol version, session id for resume).</summary>
    Hello = 1 << 14,

    /// <summary>
    /// On an RPC response: the payload is the raw bytes of a <c>byte[]</c> result instead of JSON (no base64, no
    /// copy); a <see langword="null"/> array still travels as JSON <c>null</c> without this flag.
    /// </summary>
    Binary = 1 << 15,

    /// <summary>
    /// One-way, id the RPC request's: one item of a stream. Agent → host: an item of a streaming tool method
    /// (<c>IAsyncEnumerable&lt;T&gt;</c>), payload the item as JSON (or raw bytes with <see cref="Binary"/> for
    /// <c>byte[]</c> items); the stream ends with the request's normal RPC response (empty) or its EXCEPTION response.
    /// Host → agent: a chunk of the call's input (raw bytes, see <c>ToolInput</c>), ended by <see cref="StreamEnd"/>.
    /// Not related to <see cref="Stream"/>, which is the chunking of one large frame.
    /// </summary>
    StreamItem = 1 << 16,

    /// <summary>
    /// One-way, id the RPC request's: the receiver of a stream grants this many more items (payload a u32,
    /// big-endian) — host → agent for a tool's output, agent → host for a call's input. A sender never has more items
    /// in flight than it was granted.
    /// </summary>
    StreamDemand = 1 << 17,

    /// <summary>
    /// Host → agent, one-way, id the RPC request's: the host's input to that call (its STREAM_ITEM frames) is
    /// complete. The agent grants the host credit for input with <see cref="StreamDemand"/>, as the host does for
    /// output.
    /// </summary>
    StreamEnd = 1 << 18,
}
