using Akka.Serialization;

namespace Rmote.Actors.Cluster;

/// <summary>
/// Akka.Serialization.Hyperion as Rmote's node-to-node messages use it: <c>disallow-unsafe-type</c> on and a type filter
/// of just <see cref="ClusterSerialization.MessageTypes"/>, set in code so no configuration can widen it. A payload
/// naming any other type is refused where it arrives (the message is dropped and logged; the association stays up).
/// </summary>
internal sealed class RmoteHyperionSerializer(ExtendedActorSystem system) : HyperionSerializer(system, FilteredSettings)
{
    private static readonly HyperionSerializerSettings FilteredSettings = new(
        preserveObjectReferences: false,
        versionTolerance: true,
        knownTypesProvider: typeof(NoKnownTypes),
        packageNameOverrides: [],
        surrogates: [],
        disallowUnsafeType: true,
        typeFilter: new MessageTypeFilter(ClusterSerialization.MessageTypes));

    /// <summary>No types are pre-registered: every payload names its type, and the filter checks it.</summary>
    internal sealed class NoKnownTypes : IKnownTypesProvider
    {
        public IEnumerable<Type> GetKnownTypes() => [];
    }
}
