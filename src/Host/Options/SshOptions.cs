namespace Rmote;

/// <summary>
/// How <c>RmoteConnection.ConnectSshAsync</c> runs the OpenSSH client. Everything not set here comes from the user's
/// ssh configuration (<c>~/.ssh/config</c>, agent, known_hosts, ProxyJump) — host-key checking is never turned off.
/// </summary>
public sealed record SshOptions
{
    /// <summary>Login name (<c>ssh -l</c>); <c>null</c> uses the ssh configuration or the destination's <c>user@</c>.</summary>
    public string? User { get; init; }

    /// <summary>TCP port (<c>ssh -p</c>); <c>null</c> uses the ssh configuration or 22.</summary>
    public int? Port { get; init; }

    /// <summary>Private key file (<c>ssh -i</c>).</summary>
    public string? IdentityFile { get; init; }

    /// <summary>
    /// Extra ssh options, each passed as <c>-o VALUE</c> (for example <c>"ControlMaster=auto"</c>). They come before
    /// our defaults (<c>BatchMode=yes</c>, <c>ConnectTimeout</c>), and ssh keeps the first value it sees, so an
    /// entry here such as <c>"BatchMode=no"</c> overrides them.
    /// </summary>
    public IList<string> Options { get; init; } = new List<string>();

    /// <summary>The .NET host on the target: a command name looked up in the remote PATH or an absolute path.</summary>
    public string Dotnet { get; init; } = "dotnet";
}
