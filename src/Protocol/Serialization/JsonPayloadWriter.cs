using System.Buffers;
using System.Text.Json;

namespace Rmote.Protocol.Serialization;

/// <summary>
/// A per-thread <see cref="Utf8JsonWriter"/> and buffer, so encoding a call costs one array (the payload) and no
/// writer allocation. Usage: <c>var writer = Rent(); …; var bytes = ToArrayAndReturn(writer);</c>.
/// </summary>
internal static class JsonPayloadWriter
{
    private const int RetainedCapacity = 64 * 1024;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = PayloadSerializer.Options.Encoder,
        MaxDepth = PayloadSerializer.Options.MaxDepth,
        SkipValidation = true,
    };

    [ThreadStatic]
    private static (Utf8JsonWriter Writer, ArrayBufferWriter<byte> Buffer)? cached;

    /// <summary>Takes this thread's writer (a fresh one if it is in use, e.g. by a re-entrant call).</summary>
    public static Utf8JsonWriter Rent(out ArrayBufferWriter<byte> buffer)
    {
        if (cached is { } pair)
        {
            cached = null;
            buffer = pair.Buffer;
            return pair.Writer;
        }

        buffer = new ArrayBufferWriter<byte>(256);
        return new Utf8JsonWriter(buffer, WriterOptions);
    }

    /// <summary>Flushes the writer, copies out what it wrote and gives it back to this thread.</summary>
    public static byte[] ToArrayAndReturn(Utf8JsonWriter writer, ArrayBufferWriter<byte> buffer)
    {
        writer.Flush();
        var bytes = buffer.WrittenSpan.ToArray();
        if (buffer.Capacity <= RetainedCapacity)
        {
            buffer.ResetWrittenCount();
            writer.Reset(buffer);
            cached = (writer, buffer);
        }

        return bytes;
    }
}
