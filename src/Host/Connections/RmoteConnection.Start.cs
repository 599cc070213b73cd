using Rmote.Connections;
using Rmote.Protocol.Framing;
using Rmote.Transports;
using Rmote.Transports.OpenSsh;

namespace Rmote;

public sealed partial class RmoteConnection
{
    /// <summary>Starts an agent as a child process of this program and connects to it.</summary>
    /// <exception cref="RmoteConnectException">The agent could not be started or did not complete the handshake in time.</exception>
    public static Task<RmoteConnection> StartLocalAsync(RmoteOptions? options = null, CancellationToken cancellationToken = default)
    {
        var resolved = options ?? new RmoteOptions();
        return StartAsync(new TransportConnector("local", _ => Task.FromResult(AgentTransports.StartLocal(resolved)), FrameCodecOptions.Default),
            resolved, cancellationToken);
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
        var sshOptions = ssh ?? new SshOptions();
        SshCommandLine.ValidateDestination(destination);
        return StartAsync(new TransportConnector(SshCommandLine.Describe(destination, sshOptions),
            ct => AgentTransports.ConnectSshAsync(destination, sshOptions, resolved, ct), FrameCodecOptions.Default), resolved, cancellationToken);
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
        ArgumentNullException.ThrowIfNull(command);
        if (command.Count == 0 || string.IsNullOrEmpty(command[0]))
            throw new ArgumentException("The command must name a program that starts a POSIX shell, e.g. [\"sh\"].", nameof(command));
        var resolved = options ?? new RmoteOptions();
        return StartAsync(new TransportConnector(string.Join(' ', command),
            ct => AgentTransports.StartCommandAsync(command, resolved, ct), FrameCodecOptions.Default), resolved, cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="command"/> itself as the agent — no shell, no bootstrap: its stdout must start the protocol
    /// handshake. For tests that put a scripted peer (a fake agent speaking chosen bytes) behind a real process.
    /// </summary>
    internal static Task<RmoteConnection> StartProcessAsync(IReadOnlyList<string> command, RmoteOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var resolved = options ?? new RmoteOptions();
        var target = string.Join(' ', command);
        return StartAsync(new TransportConnector(target, _ =>
        {
            var link = ProcessAgentTransport.Start(command, target, AgentTransports.CreateLogger(resolved));
            link.ConnectDeadline = DateTimeOffset.UtcNow + resolved.ConnectTimeout;
            return Task.FromResult<AgentTransport>(link);
        }, FrameCodecOptions.Default), resolved, cancellationToken);
    }
}
