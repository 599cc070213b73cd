using System.Text.Json.Serialization;

namespace Rmote.Protocol.Serialization;

/// <summary>
/// Source-generated contracts for the argument and result types most tool methods use, consulted by
/// <see cref="PayloadSerializer"/> before the reflection resolver. The reflection resolver builds its table of every
/// built-in converter on first use — some 160 methods to JIT, 15–20 ms of an agent's first call — while these
/// contracts are created one by one when a type is first met. The JSON is the same either way: these contracts use the
/// serializer's own options (they are bound to <see cref="PayloadSerializer.Options"/>, not to the attribute below).
/// </summary>
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(byte))]
[JsonSerializable(typeof(short))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(uint))]
[JsonSerializable(typeof(ulong))]
[JsonSerializable(typeof(float))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(byte[]))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class PrimitiveJsonContext : JsonSerializerContext
{
}
