namespace Rmote;

/// <summary>Which SSH client <c>RmoteConnection.ConnectSshAsync</c> uses; see <see cref="SshOptions.Implementation"/>.</summary>
public enum SshImplementation
{
    /// <summary>The OpenSSH client when an <c>ssh</c> program is on PATH, else SSH.NET.</summary>
    Auto,

    /// <summary>The OpenSSH client (<c>ssh</c>): honours <c>~/.ssh/config</c>, the agent, ProxyJump and known_hosts.</summary>
    OpenSsh,

    /// <summary>SSH.NET, in this process: no <c>ssh</c> program needed; known_hosts is checked strictly.</summary>
    SshNet,
}
