using System.Text.Json.Serialization;
using Rmote.Protocol.Messages;

namespace Rmote.Protocol.Serialization;

/// <summary>
/// Writes the protocol's own messages with generated code that drives a <c>Utf8JsonWriter</c> directly (the
/// serialization-only fast path): an agent's first LOG record then costs no property metadata, which the metadata
/// contracts of <see cref="MessageJsonContext"/> (used to read) would build first. Same names and output shape as
/// <see cref="MessageJsonContext"/>.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    GenerationMode = JsonSourceGenerationMode.Serialization)]
[JsonSerializable(typeof(LogRecord))]
[JsonSerializable(typeof(ExceptionPayload))]
internal sealed partial class MessageWriterJsonContext : JsonSerializerContext
{
}
