using Rmote.Transports.OpenSsh;
using Akka.Actor;
using Rmote.Bootstrap;
using Rmote.Transports;

namespace Rmote.Fleet;

/// <summary>
/// The connection actor a <see cref="FleetHost"/> describes, made with the public <see cref="RmoteProps"/>:
/// local, command, or ssh — with <c>become</c> wrapped around the remote shell and <c>jump</c> as a ProxyCommand or
/// ProxyJump.
/// </summary>
internal static class HostConnector
{
    /// <summary>Props of the connection actor for <paramref name="host"/> (hops resolved within <paramref name="fleet"/>).</summary>
    public static Props PropsFor(FleetHost host, IReadOnlyList<FleetHost> fleet, RmoteOptions template)
    {
        var options = template with
        {
            Reconnect = host.Reconnect ?? template.Reconnect,
            Dotnet = host.Dotnet ?? template.Dotnet,
            AgentCacheDirectory = host.AgentCacheDirectory ?? template.AgentCacheDirectory,
        };
        return host.Kind switch
        {
            FleetHostKind.Local when host.Become is null => RmoteProps.Local(options),
            FleetHostKind.Local => RmoteProps.Command(Sudo(host.Become), options),
            FleetHostKind.Command => RmoteProps.Command(host.Command!, options),
            _ when host.Become is null => RmoteProps.Ssh(host.Destination!, SshFor(host, fleet), options),
            // The ssh transport always runs plain `sh` remotely; becoming another user needs sudo around that shell,
            // so such a host goes through the command transport with the same ssh argv.
            _ => RmoteProps.Command(SudoOverSsh(host, fleet, options), options with { Dotnet = host.Dotnet ?? host.Ssh.Dotnet }),
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
