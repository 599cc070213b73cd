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
            FleetHostKind.Local => RmoteProps.Command(RemoteShell.Sudo(host.Become), options),
            FleetHostKind.Command => RmoteProps.Command(host.Command!, options),
            // The ssh transport runs sudo around the remote shell itself: the host keeps connection sharing.
            _ => RmoteProps.Ssh(host.Destination!, SshFor(host, fleet) with { Become = host.Become ?? host.Ssh.Become }, options),
        };
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
