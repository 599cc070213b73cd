using Rmote.Bootstrap;

namespace Rmote.Transports;

/// <summary>
/// The command a remote login runs for the bootstrap: POSIX <c>sh</c>, or <c>sudo -n -u USER sh</c> to run the agent
/// as another user (<see cref="SshOptions.Become"/>, a fleet host's <c>become</c>). <c>-n</c>: sudo never prompts — a
/// password it would ask for is a refusal on stderr, not a hang.
/// </summary>
internal static class RemoteShell
{
    /// <summary>The plain shell.</summary>
    public const string Shell = "sh";

    /// <summary>The argv of <c>sudo -n -u USER sh</c>.</summary>
    /// <exception cref="ArgumentException"><paramref name="user"/> is not a usable user name (<see cref="CheckUser"/>).</exception>
    public static string[] Sudo(string user) => ["sudo", "-n", "-u", CheckUser(user), Shell];

    /// <summary><paramref name="user"/>, if it can be given to sudo as the user to become.</summary>
    /// <exception cref="ArgumentException"><paramref name="user"/> is empty, starts with '-' or contains whitespace or control characters.</exception>
    public static string CheckUser(string user) =>
        user.Length == 0 || user[0] == '-' || user.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
            ? throw new ArgumentException($"Become user '{user}' is empty, starts with '-' or contains whitespace.", nameof(user))
            : user;

    /// <summary>
    /// The remote command for <paramref name="ssh"/> as one string: ssh (and an SSH exec channel) hands it to the login
    /// shell, which parses it.
    /// </summary>
    public static string For(SshOptions ssh) => ssh.Become is { } user ? ShellQuote.Join(Sudo(user)) : Shell;
}
