namespace Rmote;

/// <summary>How a <see cref="FleetHost"/> is reached.</summary>
public enum FleetHostKind
{
    /// <summary>With the OpenSSH client (<see cref="RmoteConnection.ConnectSshAsync"/>).</summary>
    Ssh,

    /// <summary>A local agent process (<see cref="RmoteConnection.StartLocalAsync"/>).</summary>
    Local,

    /// <summary>Any command that gives a POSIX shell (<see cref="RmoteConnection.StartCommandAsync"/>).</summary>
    Command,
}
