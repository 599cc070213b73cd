namespace Rmote;

/// <summary>
/// How <c>RmoteConnection.ConnectSshAsync</c> reaches the host: with the OpenSSH client (the default; everything not
/// set here comes from the user's ssh configuration — <c>~/.ssh/config</c>, agent, known_hosts, ProxyJump) or with
/// SSH.NET in this process (<see cref="Implementation"/>). Host-key checking is never turned off. See docs/ssh.md.
/// </summary>
public sealed record SshOptions
{
    /// <summary>Login name (<c>ssh -l</c>); <c>null</c> uses the ssh configuration or the destination's <c>user@</c>
    /// (SSH.NET: the destination's <c>user@</c>, else the local user name).</summary>
    public string? User { get; init; }

    /// <summary>TCP port (<c>ssh -p</c>); <c>null</c> uses the ssh configuration or 22.</summary>
    public int? Port { get; init; }

    /// <summary>Private key file (<c>ssh -i</c>). SSH.NET without one tries <c>~/.ssh/id_ed25519</c>, <c>id_ecdsa</c>, <c>id_rsa</c>.</summary>
    public string? IdentityFile { get; init; }

    /// <summary>
    /// Extra ssh options, each passed as <c>-o VALUE</c> (for example <c>"ProxyJump=bastion"</c>). They come before
    /// our defaults (<c>BatchMode=yes</c>, <c>ConnectTimeout</c>, connection sharing, cipher order), and ssh keeps the
    /// first value it sees, so an entry here such as <c>"BatchMode=no"</c> overrides them. SSH.NET reads
    /// <c>UserKnownHostsFile</c>, <c>GlobalKnownHostsFile</c> and <c>StrictHostKeyChecking=yes|accept-new</c> from here
    /// and ignores the rest.
    /// </summary>
    public IList<string> Options { get; init; } = new List<string>();

    /// <summary>The .NET host on the target: a command name looked up in the remote PATH or an absolute path.</summary>
    public string Dotnet { get; init; } = "dotnet";

    /// <summary>The SSH client: OpenSSH when an <c>ssh</c> program exists (<see cref="SshImplementation.Auto"/>), or as chosen.</summary>
    public SshImplementation Implementation { get; init; } = SshImplementation.Auto;

    /// <summary>
    /// Share one SSH connection per destination between connections (OpenSSH <c>ControlMaster</c> in a private 0700
    /// directory; SSH.NET: one session per destination). On by default; a connection that rides a shared one skips
    /// the TCP and key exchange. OpenSSH settings of your own for <c>ControlMaster</c>/<c>ControlPath</c>/
    /// <c>ControlPersist</c> in <see cref="Options"/> take precedence.
    /// </summary>
    public bool ConnectionSharing { get; init; } = true;

    /// <summary>How long an idle shared OpenSSH master stays up after its last connection ended (1 s to 1 h).</summary>
    public TimeSpan ControlPersist
    {
        get => _controlPersist;
        init => _controlPersist = value >= TimeSpan.FromSeconds(1) && value <= TimeSpan.FromHours(1)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "ControlPersist must be between 1 second and 1 hour.");
    }

    /// <summary>SSH.NET: the passphrase of an encrypted <see cref="IdentityFile"/>. Never logged.</summary>
    public string? Passphrase { get; init; }

    /// <summary>SSH.NET: a password for password and keyboard-interactive authentication. Never logged.</summary>
    public string? Password { get; init; }

    /// <summary>
    /// SSH.NET: trust a host that has no entry in known_hosts yet and append its key to the user known_hosts file
    /// (like OpenSSH's <c>StrictHostKeyChecking=accept-new</c>). Off by default: an unknown host is refused with its
    /// fingerprint in the message. A changed key is refused either way.
    /// </summary>
    public bool AcceptNewHostKey { get; init; }

    /// <summary>
    /// Run the agent as this user on the target: the login runs <c>sudo -n -u USER sh</c> instead of <c>sh</c>, over
    /// the same (shared) SSH connection. sudo must not need a password there (<c>NOPASSWD</c>); if it asks for one the
    /// connect fails at once with an <c>RmoteConnectException</c> carrying sudo's message. <see langword="null"/>: the
    /// login user.
    /// </summary>
    /// <exception cref="ArgumentException">The user name is empty, starts with '-' or contains whitespace.</exception>
    public string? Become
    {
        get => _become;
        init => _become = value is null ? null : Transports.RemoteShell.CheckUser(value);
    }

    private readonly TimeSpan _controlPersist = TimeSpan.FromSeconds(60);
    private readonly string? _become;

    // Records print every property; secrets must not reach a log through ToString().
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("User = ").Append(User).Append(", Port = ").Append(Port).Append(", IdentityFile = ").Append(IdentityFile)
            .Append(", Options = [").Append(string.Join(", ", Options)).Append("], Dotnet = ").Append(Dotnet)
            .Append(", Implementation = ").Append(Implementation).Append(", ConnectionSharing = ").Append(ConnectionSharing)
            .Append(", ControlPersist = ").Append(ControlPersist)
            .Append(", Passphrase = ").Append(Passphrase is null ? "null" : "***")
            .Append(", Password = ").Append(Password is null ? "null" : "***")
            .Append(", AcceptNewHostKey = ").Append(AcceptNewHostKey)
            .Append(", Become = ").Append(Become);
        return true;
    }
}
