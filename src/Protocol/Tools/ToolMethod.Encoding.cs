using System.Runtime.InteropServices;
using System.Text.Json;
using Rmote.Protocol.Framing;
using Rmote.Protocol.Messages;
using Rmote.Protocol.Serialization;

namespace Rmote.Protocol.Tools;

// The RPC payloads. Request: a JSON array ["<method key>", arg1, arg2, …] with one element per parameter except
// CancellationToken parameters (the agent supplies the call's token); trailing arguments may be omitted and then take
// the parameter's default value. Result: the JSON of the declared result type, empty for void/Task/ValueTask, or the
// raw bytes of a byte[] result (flag Binary). Failure: an ExceptionPayload (flag Exception).
public sealed partial class ToolMethod
{
    private object?[]? defaults;

    /// <summary>Host: the REQUEST|RPC frame calling this method with <paramref name="arguments"/> (one per parameter).</summary>
    /// <exception cref="ArgumentException">More arguments than parameters.</exception>
    public Frame CreateRequest(ulong id, ReadOnlySpan<object?> arguments) =>
        new(FrameFlags.Request | FrameFlags.Rpc, id, EncodeArguments(arguments));

    /// <summary>Host: the request payload for <paramref name="arguments"/>, each serialized as its parameter's declared type.</summary>
    /// <exception cref="ArgumentException">More arguments than parameters.</exception>
    public byte[] EncodeArguments(ReadOnlySpan<object?> arguments)
    {
        if (arguments.Length > Parameters.Count)
        {
            throw new ArgumentException($"{Key} takes {Parameters.Count} arguments, got {arguments.Length}.", nameof(arguments));
        }

        var writer = JsonPayloadWriter.Rent(out var buffer);
        writer.WriteStartArray();
        writer.WriteRawValue(keyJson, skipInputValidation: true);
        for (var i = 0; i < arguments.Length; i++)
        {
            if (parameterContracts[i] is { } contract)
            {
                JsonSerializer.Serialize(writer, arguments[i], contract);
            }
        }

        writer.WriteEndArray();
        return JsonPayloadWriter.ToArrayAndReturn(writer, buffer);
    }

    /// <summary>Agent: the method key at the start of a request payload (what the agent resolves and caches by).</summary>
    /// <exception cref="ProtocolException">The payload is not an RPC request.</exception>
    public static string ReadKey(ReadOnlySpan<byte> requestPayload)
    {
        try
        {
            var reader = new Utf8JsonReader(requestPayload);
            if (reader.Read() && reader.TokenType == JsonTokenType.StartArray && reader.Read() && reader.TokenType == JsonTokenType.String)
            {
                return reader.GetString()!;
            }
        }
        catch (Exception failure) when (failure is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: the key string is not valid UTF-8 (found by the fuzz test).
            throw new ProtocolException($"RPC request payload is not valid JSON: {failure.Message}", failure);
        }

        throw new ProtocolException("RPC request payload does not start with [\"<method key>\".");
    }

    /// <summary>
    /// Agent: the arguments of a request payload, one per parameter: decoded as the declared parameter types,
    /// <paramref name="cancellationToken"/> for CancellationToken parameters, default values for omitted trailing ones.
    /// </summary>
    /// <exception cref="ProtocolException">The payload does not decode as this method's arguments.</exception>
    public object?[] DecodeArguments(ReadOnlySpan<byte> requestPayload, CancellationToken cancellationToken)
    {
        var reader = new Utf8JsonReader(requestPayload, new JsonReaderOptions { MaxDepth = PayloadSerializer.Options.MaxDepth + 1 });
        var arguments = Parameters.Count == 0 ? [] : new object?[Parameters.Count];
        try
        {
            // The key was read (and matched) by the caller; skip over it.
            Expect(reader.Read() && reader.TokenType == JsonTokenType.StartArray && reader.Read() && reader.TokenType == JsonTokenType.String);
            var ended = false;
            for (var i = 0; i < arguments.Length; i++)
            {
                if (parameterContracts[i] is not { } contract)
                {
                    arguments[i] = cancellationToken;
                    continue;
                }

                Expect(ended || reader.Read());
                ended = ended || reader.TokenType == JsonTokenType.EndArray;
                arguments[i] = ended ? DefaultValue(i) : PayloadSerializer.Deserialize(ref reader, contract);
            }

            Expect(ended || (reader.Read() && reader.TokenType == JsonTokenType.EndArray));
            return arguments;
        }
        catch (JsonException failure)
        {
            throw new ProtocolException($"RPC request for {Key} is not valid JSON: {failure.Message}", failure);
        }

        void Expect(bool condition)
        {
            if (!condition)
            {
                throw new ProtocolException($"RPC request for {Key} does not have the shape [\"<key>\", arguments…] with at most {Parameters.Count} arguments.");
            }
        }
    }

    /// <summary>Agent: the RESPONSE|RPC frame carrying <paramref name="result"/> (ignored for methods without a result).</summary>
    public Frame CreateResult(ulong id, object? result)
    {
        const FrameFlags flags = FrameFlags.Response | FrameFlags.Rpc;
        return resultContract is null ? new Frame(flags, id, ReadOnlyMemory<byte>.Empty)
            : result is byte[] bytes && ResultType == typeof(byte[]) ? new Frame(flags | FrameFlags.Binary, id, bytes)
            : new Frame(flags, id, JsonSerializer.SerializeToUtf8Bytes(result, resultContract));
    }

    /// <summary>
    /// Host: the result carried by a response frame to this method's request — or, for a frame flagged
    /// <see cref="FrameFlags.Exception"/>, throws the rebuilt remote exception.
    /// </summary>
    /// <exception cref="ProtocolException">The payload does not decode as the result type.</exception>
    public object? DecodeResult(in Frame response)
    {
        if (response.IsException)
        {
            throw ProtocolMessages.ReadException(response).ToException();
        }

        if (resultContract is null)
        {
            return null;
        }

        if (response.Has(FrameFlags.Binary))
        {
            return MemoryMarshal.TryGetArray(response.Payload, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
                ? segment.Array
                : response.Payload.ToArray();
        }

        return PayloadSerializer.Deserialize(response.Payload.Span, resultContract);
    }

    private object? DefaultValue(int index)
    {
        var values = defaults ??= Array.ConvertAll(Method.GetParameters(), ParameterDefaults.Of);
        return ReferenceEquals(values[index], ParameterDefaults.NoDefault)
            ? throw new ProtocolException($"RPC request for {Key} omits argument '{Parameters[index].Name}', which has no default value.")
            : values[index];
    }
}
