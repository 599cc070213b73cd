using Akka.Actor;
using Rmote.Actors.Connection;
using Rmote.Connections;

namespace Rmote;

/// <summary>
/// <see cref="Props"/> of connection actors, for Akka.NET applications: create one wherever you like
/// (<c>system.ActorOf(RmoteProps.Local(), "agent")</c>, <c>Context.ActorOf(...)</c> under your own actor) and send it
/// <see cref="Invoke"/> messages. It connects on start and accepts invokes at once (they wait, bounded, until the agent
/// is up); it publishes <see cref="ConnectionStateChanged"/> on the EventStream; it reconnects per
/// <see cref="RmoteOptions.Reconnect"/>; when it gives up it fails every pending invoke with
/// <see cref="ConnectionLostException"/> and stops. Stopping it (or its parent) stops its agent. No HOCON, dispatcher or
/// serializer of ours is needed.
/// </summary>
public static class RmoteProps
{
    /// <summary>A connection to an agent started as a child process of this program.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static Props Local(RmoteOptions? options = null)
    {
        var resolved = options ?? new RmoteOptions();
        return Create(AgentConnectors.Local(resolved), resolved);
    }

    /// <summary>A connection to an agent on <paramref name="destination"/> (<c>host</c> or <c>user@host</c>) over SSH.</summary>
    /// <exception cref="ArgumentException">The destination starts with '-' or contains whitespace or control characters.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static Props Ssh(string destination, SshOptions? ssh = null, RmoteOptions? options = null)
    {
        var resolved = options ?? new RmoteOptions();
        return Create(AgentConnectors.Ssh(destination, ssh ?? new SshOptions(), resolved), resolved);
    }

    /// <summary>A connection to an agent bootstrapped through <paramref name="command"/> (any program that gives a POSIX shell).</summary>
    /// <exception cref="ArgumentException">The command is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static Props Command(IReadOnlyList<string> command, RmoteOptions? options = null)
    {
        var resolved = options ?? new RmoteOptions();
        return Create(AgentConnectors.Command(command, resolved), resolved);
    }

    private static Props Create(IAgentConnector connector, RmoteOptions options) =>
        ConnectionActor.Props(connector, ConnectionSettingsFactory.From(options));
}
