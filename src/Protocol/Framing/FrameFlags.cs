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
}
