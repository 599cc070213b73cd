using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Rmote.Protocol.Serialization;

/// <summary>
/// Serializes call arguments and results with System.Text.Json against the <em>declared</em> types (parameter types
/// on the agent, the return type on the host); no type name is ever read from the wire. Public fields are included
/// (value tuples), named floating-point literals are allowed (±∞, NaN) and nesting may go 512 levels deep.
/// Decoding errors surface as <see cref="ProtocolException"/>.
/// </summary>
public static class PayloadSerializer
{
    /// <summary>The options used for every argument and result.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>The cached contract for <paramref name="type"/>.</summary>
    public static JsonTypeInfo GetTypeInfo(Type type) => Options.GetTypeInfo(type);

    /// <summary>Serializes <paramref name="value"/> as <paramref name="type"/>.</summary>
    public static byte[] Serialize(object? value, Type type) => JsonSerializer.SerializeToUtf8Bytes(value, GetTypeInfo(type));

    /// <summary>Serializes <paramref name="value"/> as <typeparamref name="T"/>.</summary>
    public static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, (JsonTypeInfo<T>)GetTypeInfo(typeof(T)));

    /// <summary>Deserializes <paramref name="payload"/> as <paramref name="type"/>.</summary>
    /// <exception cref="ProtocolException">The payload is not valid JSON for <paramref name="type"/>.</exception>
    public static object? Deserialize(ReadOnlySpan<byte> payload, Type type) => Deserialize(payload, GetTypeInfo(type));

    /// <summary>Deserializes <paramref name="payload"/> as <typeparamref name="T"/>.</summary>
    /// <exception cref="ProtocolException">The payload is not valid JSON for <typeparamref name="T"/>.</exception>
    public static T Deserialize<T>(ReadOnlySpan<byte> payload) => (T)Deserialize(payload, GetTypeInfo(typeof(T)))!;

    /// <summary>Deserializes <paramref name="payload"/> with the contract <paramref name="typeInfo"/>.</summary>
    /// <exception cref="ProtocolException">The payload is not valid JSON for the contract.</exception>
    public static object? Deserialize(ReadOnlySpan<byte> payload, JsonTypeInfo typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        try
        {
            return JsonSerializer.Deserialize(payload, typeInfo);
        }
        catch (Exception failure) when (failure is JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            throw Undecodable(typeInfo.Type, failure);
        }
    }

    /// <summary>Deserializes the JSON value at the reader's current token with the contract <paramref name="typeInfo"/>.</summary>
    /// <exception cref="ProtocolException">The value is not valid JSON for the contract.</exception>
    public static object? Deserialize(ref Utf8JsonReader reader, JsonTypeInfo typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        try
        {
            return JsonSerializer.Deserialize(ref reader, typeInfo);
        }
        catch (Exception failure) when (failure is JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            throw Undecodable(typeInfo.Type, failure);
        }
    }

    private static ProtocolException Undecodable(Type type, Exception failure) =>
        new($"Payload does not decode as {type}: {failure.Message}", failure);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            IncludeFields = true,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            MaxDepth = 512,
            // Exact round trips only need valid JSON; relaxed escaping keeps non-ASCII text compact and fast.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            // Common types from generated contracts (no reflection warm-up on the first call), the rest by reflection.
            TypeInfoResolver = JsonTypeInfoResolver.Combine(PrimitiveJsonContext.Default, new DefaultJsonTypeInfoResolver()),
        };
        options.MakeReadOnly();
        return options;
    }
}
