namespace Rmote;

/// <summary>
/// <see cref="FleetHost.Become"/> failed: sudo on the target wants a password (it runs with <c>-n</c>, so it never
/// prompts) or refuses the user. The inner exception is the connect failure carrying sudo's own message.
/// </summary>
public sealed class BecomeException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="host">The host's name.</param>
    /// <param name="user">The user to become.</param>
    /// <param name="innerException">The connect failure, with sudo's stderr.</param>
    public BecomeException(string host, string user, Exception innerException)
        : base($"{host}: sudo refused to run the agent as '{user}' without a password (sudo -n). Give the login user a "
               + $"NOPASSWD sudoers rule for '{user}' (e.g. 'deploy ALL=({user}) NOPASSWD: ALL'), or drop 'become'. sudo said: "
               + SudoMessage(innerException), innerException)
    {
        Host = host;
        User = user;
    }

    /// <summary>The host's name.</summary>
    public string Host { get; }

    /// <summary>The user sudo was asked to run the agent as.</summary>
    public string User { get; }

    private static string SudoMessage(Exception e) =>
        (e as RmoteConnectException)?.StandardError?.Split('\n').FirstOrDefault(l => l.StartsWith("sudo:", StringComparison.Ordinal))?.Trim()
        ?? e.Message;
}
