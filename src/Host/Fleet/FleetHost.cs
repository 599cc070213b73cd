using Rmote.Transports.OpenSsh;
using System.Text.Json.Nodes;
using Rmote.Transports;

namespace Rmote;

/// <summary>
/// One machine of a <see cref="RmoteFleet"/>: a name, how to reach it (an SSH destination with <see cref="Ssh"/>
/// options, a local agent, or a command that gives a shell), optional privilege escalation (<see cref="Become"/>) and
/// hop (<see cref="Jump"/>), the groups it belongs to and free-form variables. Build one with
/// <see cref="ForSsh"/>, <see cref="ForLocal"/> or <see cref="ForCommand"/> and refine it with <c>with { … }</c>, or
/// load many from an inventory (<see cref="FleetInventory.Load"/>).
/// </summary>
public sealed record FleetHost
{
    private FleetHost(string name, FleetHostKind kind)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is ':' or ',' or '!' or '&'))
            throw new ArgumentException(
                $"Host name '{name}' is empty or contains whitespace, control characters or one of ':,!&' (they separate selection patterns).",
                nameof(name));
        Name = name;
        Kind = kind;
    }

    /// <summary>The host's name: unique in its fleet, used in selections, results and output.</summary>
    public string Name { get; }

    /// <summary>How the host is reached.</summary>
    public FleetHostKind Kind { get; }

    /// <summary>The SSH destination (<c>host</c>, <c>user@host</c>, an address) for <see cref="FleetHostKind.Ssh"/>.</summary>
    public string? Destination { get; private init; }

    /// <summary>The command (argv) for <see cref="FleetHostKind.Command"/>: it must give a POSIX shell on stdin/stdout.</summary>
    public IReadOnlyList<string>? Command { get; private init; }

    /// <summary>OpenSSH client settings for <see cref="FleetHostKind.Ssh"/> (user, port, identity file, <c>-o</c> options, dotnet).</summary>
    public SshOptions Ssh { get; init; } = new();

    /// <summary>
    /// Run the agent as this user through <c>sudo -n -u USER sh</c> (on the target, after SSH login). <c>-n</c> means
    /// sudo never prompts: when it wants a password the host fails with <see cref="BecomeException"/> at once.
    /// Not available for <see cref="FleetHostKind.Command"/> hosts (put sudo into the command instead).
    /// </summary>
    public string? Become { get; init; }

    /// <summary>
    /// A hop for SSH: the name of another SSH host of the same fleet (its destination, user, port, key and options are
    /// used for the hop, as an OpenSSH <c>ProxyCommand</c> running <c>ssh -W</c>), or any OpenSSH <c>ProxyJump</c>
    /// value (<c>[user@]host[:port]</c>, comma-separated for several hops).
    /// </summary>
    public string? Jump { get; init; }

    /// <summary>The .NET host on the target (a command name in its PATH or an absolute path); <c>null</c>: <c>dotnet</c>.</summary>
    public string? Dotnet { get; init; }

    /// <summary>
    /// Where the agent bundle is cached on the target (<see cref="RmoteOptions.AgentCacheDirectory"/>); <c>null</c> uses
    /// <see cref="FleetOptions.Connection"/>'s.
    /// </summary>
    public string? AgentCacheDirectory { get; init; }

    /// <summary>This host's reconnect policy; <c>null</c> uses <see cref="FleetOptions.Connection"/>'s.</summary>
    public ReconnectPolicy? Reconnect { get; init; }

    /// <summary>Every group the host belongs to, directly or through nested groups (inventory order).</summary>
    public IReadOnlyList<string> Groups { get; init; } = [];

    /// <summary>Free-form variables (inventory defaults, then group vars, then host vars; later wins).</summary>
    public IReadOnlyDictionary<string, JsonNode?> Vars { get; init; } = new Dictionary<string, JsonNode?>();

    /// <summary>How the host appears in logs and errors: <c>local</c>, <c>ssh user@host:port</c>, a command line.</summary>
    public string Target => Kind switch
    {
        FleetHostKind.Local => "local",
        FleetHostKind.Command => string.Join(' ', Command!),
        _ => SshCommandLine.Describe(Destination!, Ssh),
    } + (Become is null ? "" : $" (become {Become})");

    /// <summary>A host reached with the OpenSSH client at <paramref name="destination"/> (default: the name).</summary>
    /// <exception cref="ArgumentException">The name or destination is not valid.</exception>
    public static FleetHost ForSsh(string name, string? destination = null, SshOptions? ssh = null)
    {
        var host = new FleetHost(name, FleetHostKind.Ssh) { Destination = destination ?? name, Ssh = ssh ?? new SshOptions() };
        SshCommandLine.ValidateDestination(host.Destination);
        return host;
    }

    /// <summary>An agent started as a child process of this program.</summary>
    public static FleetHost ForLocal(string name = "local") => new(name, FleetHostKind.Local);

    /// <summary>A host reached through <paramref name="command"/>, e.g. <c>["docker", "exec", "-i", "box", "sh"]</c>.</summary>
    /// <exception cref="ArgumentException">The command is empty.</exception>
    public static FleetHost ForCommand(string name, IReadOnlyList<string> command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Count == 0 || string.IsNullOrEmpty(command[0]))
            throw new ArgumentException("The command must name a program that starts a POSIX shell, e.g. [\"sh\"].", nameof(command));
        return new FleetHost(name, FleetHostKind.Command) { Command = command.ToArray() };
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
