using Akka.Configuration;

namespace Rmote.Actors.Cluster;

/// <summary>
/// How Rmote's node-to-node messages are serialized: Akka.Serialization.Hyperion, bound to exactly these types, with
/// <c>disallow-unsafe-type</c> on and a type filter admitting only them — so a payload naming any other type is refused
/// when it arrives — and strict serialization (<c>allow-unregistered-types = false</c>): a message of a type without a
/// binding is refused when sent instead of silently going out as JSON. Tool arguments and results inside these
/// messages are already bytes of the host↔agent codec; exceptions travel as its exception payload.
/// </summary>
internal static class ClusterSerialization
{
    /// <summary>The serializer's name in HOCON.</summary>
    public const string SerializerName = "hyperion";

    /// <summary>The types that cross between nodes (their graphs hold only strings, numbers and bytes besides).</summary>
    public static readonly IReadOnlyList<Type> MessageTypes = [typeof(HostInvoke), typeof(ToolCall), typeof(HostReply), typeof(HostEntityReady)];

    /// <summary>The HOCON that sets all of the above up; extra types may be bound (tests use it to smuggle one).</summary>
    public static Config Config(IEnumerable<Type>? alsoBound = null)
    {
        static string Name(Type type) => $"\"{type.FullName}, {type.Assembly.GetName().Name}\"";
        var bindings = string.Join(Environment.NewLine, MessageTypes.Concat(alsoBound ?? []).Select(t => $"{Name(t)} = {SerializerName}"));
        return ConfigurationFactory.ParseString($$"""
            akka.actor {
              serializers.{{SerializerName}} = "Akka.Serialization.HyperionSerializer, Akka.Serialization.Hyperion"
              serialization-identifiers { "Akka.Serialization.HyperionSerializer, Akka.Serialization.Hyperion" = -5 }
              serialization-bindings {
                {{bindings}}
              }
              serialization-settings {
                allow-unregistered-types = false
                hyperion {
                  disallow-unsafe-type = true
                  allowed-types = [ {{string.Join(", ", MessageTypes.Select(Name))}} ]
                }
              }
            }
            """);
    }
}
