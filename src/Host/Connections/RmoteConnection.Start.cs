using Rmote.Connections;

namespace Rmote;

public sealed partial class RmoteConnection
{
    /// <summary>Starts an agent as a child process of this program and connects to it.</summary>
    /// <exception cref="RmoteConnectException">The agent could not be started or did not complete the handshake in time.</exception>
    public static Task<RmoteConnection> StartLocalAsync(RmoteOptions? options = null, CancellationToken cancellationToken = default)
    {
        var resolved = options ?? new RmoteOptions();
        return StartAsync(AgentConnectors.Local(resolved), resolved, cancellationToken);
    }

    /// <summary>
    /// Connects to <paramref name="destination"/> (<c>host</c> or <c>user@host</c>) with the OpenSSH client, uploading
    /// the agent if the target's cache lacks it. The user's ssh configuration, agent and known_hosts apply.
    /// </summary>
    /// <exception cref="ArgumentException">The destination starts with '-' or contains whitespace or control characters.</exception>
    /// <exception cref="RmoteConnectException">ssh, the bootstrap or the handshake failed; the message carries ssh's stderr.</exception>
    public static Task<RmoteConnection> ConnectSshAsync(string destination, SshOptions? ssh = null, RmoteOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var resolved = options ?? new RmoteOptions();
        return StartAsync(AgentConnectors.Ssh(destination, ssh ?? new SshOptions(), resolved), resolved, cancellationToken);
    }

    /// <summary>
    /// Starts <paramref name="command"/> — any program that gives a POSIX shell on its stdin/stdout, such as
    /// <c>["sh"]</c>, <c>["sudo", "-n", "-u", "deploy", "sh"]</c> or <c>["docker", "exec", "-i", "box", "sh"]</c> — and
    /// bootstraps the agent through it.
    /// </summary>
    /// <exception cref="ArgumentException">The command is empty.</exception>
    /// <exception cref="RmoteConnectException">The command, the bootstrap or the handshake failed.</exception>
    public static Task<RmoteConnection> StartCommandAsync(IReadOnlyList<string> command, RmoteOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var resolved = options ?? new RmoteOptions();
        return StartAsync(AgentConnectors.Command(command, resolved), resolved, cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="command"/> itself as the agent — no shell, no bootstrap: its stdout must start the protocol
    /// handshake. For tests that put a scripted peer (a fake agent speaking chosen bytes) behind a real process.
    /// </summary>
    internal static Task<RmoteConnection> StartProcessAsync(IReadOnlyList<string> command, RmoteOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var resolved = options ?? new RmoteOptions();
        return StartAsync(AgentConnectors.Process(command, resolved), resolved, cancellationToken);
    }
}
