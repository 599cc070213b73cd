using System.Text.Json.Serialization;
using Rmote.Protocol.Messages;

namespace Rmote.Protocol.Serialization;

/// <summary>
/// Source-generated contracts for the protocol's own messages: no reflection at start-up, which keeps the agent's
/// first call fast.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(LogRecord))]
[JsonSerializable(typeof(ExceptionPayload))]
internal sealed partial class MessageJsonContext : JsonSerializerContext
{
}
