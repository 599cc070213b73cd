using System.Text.Json;
using System.Text.Json.Serialization;

namespace Rmote.Templating;

/// <summary>
/// A <see cref="Template"/> travels as a JSON string holding its source, nothing else: the receiver compiles it
/// again (the compiled form holds delegates, which don't serialize).
/// </summary>
internal sealed class TemplateJsonConverter : JsonConverter<Template>
{
    public override Template Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
            throw new JsonException($"A Template is serialized as a JSON string holding its source, got {reader.TokenType}.");
        return new Template(reader.GetString()!);
    }

    public override void Write(Utf8JsonWriter writer, Template value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Source);
}
