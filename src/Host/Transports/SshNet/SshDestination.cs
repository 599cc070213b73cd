namespace Rmote.Transports.SshNet;

/// <summary>Splits a destination (<c>host</c>, <c>user@host</c>, <c>ssh://user@host:port</c>) the way ssh reads it.</summary>
internal static class SshDestination
{
    /// <summary>User, host and port: <see cref="SshOptions.User"/>/<see cref="SshOptions.Port"/> win over the destination's.</summary>
    public static (string User, string Host, int Port) Parse(string destination, SshOptions ssh)
    {
        string? user = null;
        int? port = null;
        var rest = destination;
        var uri = rest.StartsWith("ssh://", StringComparison.OrdinalIgnoreCase);
        if (uri) rest = rest["ssh://".Length..];
        var at = rest.LastIndexOf('@');
        if (at >= 0)
        {
            user = rest[..at];
            rest = rest[(at + 1)..];
        }
        if (uri)
        {
            var colon = rest.LastIndexOf(':');
            if (colon > 0 && rest.IndexOf(']') < colon && int.TryParse(rest[(colon + 1)..], out var p))
            {
                port = p;
                rest = rest[..colon];
            }
        }
        var host = rest.StartsWith('[') && rest.EndsWith(']') ? rest[1..^1] : rest;
        if (host.Length == 0) throw new ArgumentException($"The SSH destination '{destination}' names no host.", nameof(destination));
        return (ssh.User ?? user ?? Environment.UserName, host, ssh.Port ?? port ?? 22);
    }
}
