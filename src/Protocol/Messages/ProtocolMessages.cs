using System.Text;
using System.Text.Json;
using Rmote.Protocol.Framing;
using Rmote.Protocol.Serialization;

namespace Rmote.Protocol.Messages;

/// <summary>
/// Builds and reads every frame except RPC calls and results (those are <see cref="Tools.ToolMethod"/>'s): the single
/// place that knows which flags and which payload layout each message has. docs/protocol.md lists them.
/// </summary>
public static class ProtocolMessages
{
    /// <summary>Host → agent: REQUEST|SYNC, payload the tool assembly's image (its PE bytes).</summary>
    public static Frame Sync(ulong id, ReadOnlyMemory<byte> assemblyImage) => new(FrameFlags.Request | FrameFlags.Sync, id, assemblyImage);

    /// <summary>Agent → host: RESPONSE|SYNC, the assembly is loaded; payload its simple name (UTF-8).</summary>
    public static Frame SyncReply(ulong id, string assemblyName) => new(FrameFlags.Response | FrameFlags.Sync, id, Encoding.UTF8.GetBytes(assemblyName));

    /// <summary>Agent → host: REQUEST|DEPENDENCY, payload the requested assembly's full name (UTF-8).</summary>
    public static Frame DependencyRequest(ulong id, string assemblyName) => new(FrameFlags.Request | FrameFlags.Dependency, id, Encoding.UTF8.GetBytes(assemblyName));

    /// <summary>Host → agent: RESPONSE|DEPENDENCY, payload the assembly image, or empty when the host does not have it.</summary>
    public static Frame DependencyReply(ulong id, ReadOnlyMemory<byte> assemblyImage) => new(FrameFlags.Response | FrameFlags.Dependency, id, assemblyImage);

    /// <summary>Host → agent: CANCEL (one-way) for the call with request id <paramref name="requestId"/>.</summary>
    public static Frame Cancel(ulong requestId) => new(FrameFlags.Cancel, requestId, ReadOnlyMemory<byte>.Empty);

    /// <summary>Either side: REQUEST|PING; the other side answers with <see cref="Pong"/>.</summary>
    public static Frame Ping(ulong id) => new(FrameFlags.Request | FrameFlags.Ping, id, ReadOnlyMemory<byte>.Empty);

    /// <summary>The answer to <paramref name="ping"/>: RESPONSE|PONG with the same id and payload.</summary>
    public static Frame Pong(in Frame ping) => new(FrameFlags.Response | FrameFlags.Pong, ping.Id, ping.Payload);

    /// <summary>Host → agent: SHUTDOWN (one-way): flush and exit.</summary>
    public static Frame Shutdown() => new(FrameFlags.Shutdown, 0, ReadOnlyMemory<byte>.Empty);

    /// <summary>Agent → host: LOG (one-way, id 0), payload the record as JSON.</summary>
    public static Frame Log(LogRecord record) =>
        new(FrameFlags.Log, 0, JsonSerializer.SerializeToUtf8Bytes(record, MessageWriterJsonContext.Default.LogRecord));

    /// <summary>
    /// A failed response to a request of kind <paramref name="kind"/> (e.g. <see cref="FrameFlags.Rpc"/>):
    /// RESPONSE|kind|EXCEPTION, payload the captured exception as JSON. Never throws, whatever the exception does.
    /// </summary>
    public static Frame Failure(FrameFlags kind, ulong id, Exception exception) =>
        new(FrameFlags.Response | FrameFlags.Exception | kind, id,
            JsonSerializer.SerializeToUtf8Bytes(ExceptionPayload.Capture(exception), MessageWriterJsonContext.Default.ExceptionPayload));

    /// <summary>The assembly name in a SYNC reply or a DEPENDENCY request.</summary>
    public static string ReadAssemblyName(in Frame frame) => Encoding.UTF8.GetString(frame.Payload.Span);

    /// <summary>The record in a LOG frame.</summary>
    /// <exception cref="ProtocolException">The payload is not a log record.</exception>
    public static LogRecord ReadLog(in Frame frame) => Read(frame, MessageJsonContext.Default.LogRecord, "log record");

    /// <summary>The exception in a frame flagged <see cref="FrameFlags.Exception"/>.</summary>
    /// <exception cref="ProtocolException">The payload is not an exception payload.</exception>
    public static ExceptionPayload ReadException(in Frame frame) => Read(frame, MessageJsonContext.Default.ExceptionPayload, "exception payload");

    private static T Read<T>(in Frame frame, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> contract, string what)
    {
        try
        {
            return JsonSerializer.Deserialize(frame.Payload.Span, contract) ?? throw new ProtocolException($"{frame} carries null instead of a {what}.");
        }
        catch (JsonException failure)
        {
            throw new ProtocolException($"{frame} does not carry a valid {what}: {failure.Message}", failure);
        }
    }
}
