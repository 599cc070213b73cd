using Rmote.Bootstrap;
using Rmote.Transports;

namespace Rmote.Fleet;

/// <summary>
/// Opens the connection a <see cref="FleetHost"/> describes, through the public <see cref="RmoteConnection"/> API:
/// local, command, or ssh — with <c>become</c> wrapped around the remote shell and <c>jump</c> as a ProxyCommand or
/// ProxyJump.
/// </summary>
internal static class HostConnector
{
    public static Task<RmoteConnection> ConnectAsync(FleetHost host, IReadOnlyList<FleetHost> fleet, RmoteOptions template,
        CancellationToken cancellationToken)
    {
        var options = template with
        {
            Reconnect = host.Reconnect ?? template.Reconnect,
            Dotnet = host.Dotnet ?? template.Dotnet,
            AgentCacheDirectory = host.AgentCacheDirectory ?? template.AgentCacheDirectory,
        };
        return host.Kind switch
        {
            FleetHostKind.Local when host.Become is null => RmoteConnection.StartLocalAsync(options, cancellationToken),
            FleetHostKind.Local => RmoteConnection.StartCommandAsync(Sudo(host.Become), options, cancellationToken),
            FleetHostKind.Command => RmoteConnection.StartCommandAsync(host.Command!, options, cancellationToken),
            _ when host.Become is null => RmoteConnection.ConnectSshAsync(host.Destination!, SshFor(host, fleet), options, cancellationToken),
            // The ssh transport always runs plain `sh` remotely; becoming another user needs sudo around that shell,
            // so such a host goes through the command transport with the same ssh argv.
            _ => RmoteConnection.StartCommandAsync(SudoOverSsh(host, fleet, options), options with { Dotnet = host.Dotnet ?? host.Ssh.Dotnet },
                cancellationToken),
        };
    }

    /// <summary>The argv of <c>ssh … -- destination 'sudo -n -u USER sh'</c>.</summary>
    internal static List<string> SudoOverSsh(FleetHost host, IReadOnlyList<FleetHost> fleet, RmoteOptions options)
    {
        var argv = SshCommandLine.Build(host.Destination!, SshFor(host, fleet), options.ConnectTimeout);
        argv[^1] = ShellQuote.Join(Sudo(host.Become!));   // ssh hands the remote command to the login shell as one string
        return argv;
    }

    private static string[] Sudo(string user)
    {
        if (user.Length == 0 || user[0] == '-' || user.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            throw new ArgumentException($"Become user '{user}' is empty, starts with '-' or contains whitespace.", nameof(user));
        return ["sudo", "-n", "-u", user, "sh"];
    }

    /// <summary>The host's ssh options plus its hop, if it has one.</summary>
    internal static SshOptions SshFor(FleetHost host, IReadOnlyList<FleetHost> fleet)
    {
        if (host.Jump is null) return host.Ssh;
        var options = new List<string>(host.Ssh.Options);
        var via = fleet.FirstOrDefault(h => h.Name == host.Jump);
        if (via is null) options.Add("ProxyJump=" + host.Jump);
        else if (via.Kind != FleetHostKind.Ssh || via.Jump is not null)
            throw new ArgumentException($"Host '{host.Name}' jumps via '{via.Name}', which is not a direct SSH host.");
        else
        {
            // ssh -W through the hop host with that host's own user, port, key and options; ssh runs a ProxyCommand with
            // the user's shell, and expands %h/%p in it (so a literal % must be doubled).
            var hop = SshCommandLine.Build(via.Destination!, via.Ssh, TimeSpan.FromSeconds(10));
            hop.RemoveRange(1, 3);                        // "-T -e none": a -W forwarder has no session
            hop.RemoveAt(hop.Count - 1);                  // no remote command
            hop.InsertRange(hop.Count - 2, ["-W", "[%h]:%p"]);
            options.Add("ProxyCommand=" + string.Join(' ', hop.Select(a => a.Contains('%') && a != "[%h]:%p" ? a.Replace("%", "%%") : a)
                .Select(ShellQuote.Quote)));
        }
        return host.Ssh with { Options = options };
    }
}
