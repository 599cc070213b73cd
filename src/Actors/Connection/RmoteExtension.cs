namespace Rmote.Actors.Connection;

/// <summary>
/// Rmote's per-system state (an Akka extension, so every <see cref="ActorSystem"/> — the application's or the shared
/// one — gets exactly one): the <see cref="ConnectionsGuardian"/> at <c>/user/rmote</c>.
/// </summary>
internal sealed class RmoteExtension : IExtension
{
    public RmoteExtension(ExtendedActorSystem system)
    {
        var props = Props.Create(() => new ConnectionsGuardian());
        try
        {
            Guardian = system.ActorOf(props, "rmote");
        }
        catch (InvalidActorNameException)
        {
            // The application has an actor of that name already: ours goes beside it.
            Guardian = system.ActorOf(props, "rmote-" + Guid.NewGuid().ToString("N")[..8]);
        }
    }

    /// <summary>The parent of the system's facade-made connections.</summary>
    public IActorRef Guardian { get; }

    /// <summary>The extension of <paramref name="system"/>, created on first use.</summary>
    public static RmoteExtension For(ActorSystem system) => system.WithExtension<RmoteExtension, Provider>();

    private sealed class Provider : ExtensionIdProvider<RmoteExtension>
    {
        public override RmoteExtension CreateExtension(ExtendedActorSystem system) => new(system);
    }
}
