using Rmote.Actors.Connection;
using Rmote.Protocol.Framing;
using Rmote.Transports;
using Rmote.Transports.OpenSsh;

namespace Rmote.Connections;

/// <summary>The ways of starting an agent, as connectors the connection actors call once per incarnation.</summary>
internal static class AgentConnectors
{
    /// <summary>An agent as a child process of this program.</summary>
    public static IAgentConnector Local(RmoteOptions options) =>
        new TransportConnector("local", _ => Task.FromResult(AgentTransports.StartLocal(options)), FrameCodecOptions.Default);

    /// <summary>An agent over SSH (OpenSSH or SSH.NET, as <see cref="SshOptions.Implementation"/> selects).</summary>
    /// <exception cref="ArgumentException">The destination starts with '-' or contains whitespace or control characters.</exception>
    public static IAgentConnector Ssh(string destination, SshOptions ssh, RmoteOptions options)
    {
        SshCommandLine.ValidateDestination(destination);
        return new TransportConnector(SshCommandLine.Describe(destination, ssh),
            ct => AgentTransports.ConnectSshAsync(destination, ssh, options, ct), FrameCodecOptions.Default);
    }

    /// <summary>An agent bootstrapped through any command that gives a POSIX shell.</summary>
    /// <exception cref="ArgumentException">The command is empty.</exception>
    public static IAgentConnector Command(IReadOnlyList<string> command, RmoteOptions options)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Count == 0 || string.IsNullOrEmpty(command[0]))
            throw new ArgumentException("The command must name a program that starts a POSIX shell, e.g. [\"sh\"].", nameof(command));
        var copy = command.ToArray();   // the caller's list may change; every reconnect runs the same command
        return new TransportConnector(string.Join(' ', copy), ct => AgentTransports.StartCommandAsync(copy, options, ct), FrameCodecOptions.Default);
    }

    /// <summary>A program that is itself the agent (no shell, no bootstrap): tests' scripted peers.</summary>
    public static IAgentConnector Process(IReadOnlyList<string> command, RmoteOptions options)
    {
        var target = string.Join(' ', command);
        return new TransportConnector(target, _ =>
        {
            var link = ProcessAgentTransport.Start(command, target, AgentTransports.CreateLogger(options));
            link.ConnectDeadline = DateTimeOffset.UtcNow + options.ConnectTimeout;
            return Task.FromResult<AgentTransport>(link);
        }, FrameCodecOptions.Default);
    }
}
