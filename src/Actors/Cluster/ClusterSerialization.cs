using Akka.Configuration;

namespace Rmote.Actors.Cluster;

/// <summary>
/// How Rmote's node-to-node messages are serialized: Akka.Serialization.Hyperion (<see cref="RmoteHyperionSerializer"/>),
/// bound to exactly these types, with <c>disallow-unsafe-type</c> on and a type filter admitting only them — so a
/// payload naming any other type is refused when it arrives — and strict serialization (<c>allow-unregistered-types = false</c>): a message of a type without a
/// binding is refused when sent instead of silently going out as JSON. Tool arguments and results inside these
/// messages are already bytes of the host↔agent codec; exceptions travel as its exception payload.
/// </summary>
internal static class ClusterSerialization
{
    /// <summary>The serializer's name in HOCON.</summary>
    public const string SerializerName = "rmote-hyperion";

    /// <summary>The serializer's identifier on the wire (unique among the system's serializers; Akka reserves 0–40).</summary>
    public const int SerializerId = 441;

    /// <summary>The types that cross between nodes (their graphs hold only strings, numbers and bytes besides).</summary>
    public static readonly IReadOnlyList<Type> MessageTypes = [typeof(HostInvoke), typeof(ToolCall), typeof(HostReply), typeof(HostEntityReady), typeof(HostGreeting)];

    /// <summary>
    /// The HOCON that sets all of the above up. <paramref name="serializerClass"/> and <paramref name="alsoBound"/> exist
    /// for the tests, which make one node a careless sender (stock Hyperion, no filter, an extra type bound).
    /// </summary>
    public static Config Config(IEnumerable<Type>? alsoBound = null, string? serializerClass = null)
    {
        var serializer = serializerClass ?? MessageTypeFilter.ShortName(typeof(RmoteHyperionSerializer));
        var bindings = string.Join(Environment.NewLine,
            MessageTypes.Concat(alsoBound ?? []).Select(t => $"\"{MessageTypeFilter.ShortName(t)}\" = {SerializerName}"));
        return ConfigurationFactory.ParseString($$"""
            akka.actor {
              serializers.{{SerializerName}} = "{{serializer}}"
              serialization-identifiers { "{{serializer}}" = {{SerializerId}} }
              serialization-bindings {
                {{bindings}}
              }
              serialization-settings.allow-unregistered-types = false
            }
            """);
    }
}
