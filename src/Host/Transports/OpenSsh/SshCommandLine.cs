using System.Globalization;

namespace Rmote.Transports.OpenSsh;

/// <summary>
/// Builds the OpenSSH client's argv for a connect. No shell is involved on our side; <c>--</c> ends ssh's options, and
/// the destination is validated so it can never be read as an option (rmote's <c>-oProxyCommand=</c> injection).
/// </summary>
internal static class SshCommandLine
{
    /// <summary>The program run; ssh finds its config, agent and known_hosts as usual.</summary>
    public const string Program = "ssh";

    /// <summary>
    /// The cipher order where the CPU has AES instructions (<see cref="CipherPreference"/>): a complete list rather
    /// than <c>^…</c>, so that older clients accept it too.
    /// </summary>
    public const string FastCiphers =
        CipherPreference.Preferred + ",aes256-gcm@openssh.com,chacha20-poly1305@openssh.com,aes128-ctr,aes192-ctr,aes256-ctr";

    private static readonly string[] SharingSettings = ["ControlMaster", "ControlPath", "ControlPersist"];

    /// <summary>
    /// <c>ssh -T -e none [-o user options…] -o BatchMode=yes -o ConnectTimeout=S [sharing] [ciphers] [-l user] [-p port]
    /// [-i key] -- destination sh</c> (or <c>sudo -n -u USER sh</c>, <see cref="SshOptions.Become"/>). The user's <c>-o</c> options come first because ssh keeps the first value of
    /// each setting. <paramref name="sharing"/> (see <see cref="ControlMasters"/>) adds the control socket options.
    /// </summary>
    public static List<string> Build(string destination, SshOptions ssh, TimeSpan connectTimeout,
        ControlMasters.Lease? sharing = null, bool fastCiphers = false)
    {
        ValidateDestination(destination);
        var argv = new List<string> { Program, "-T", "-e", "none" };
        foreach (var option in ssh.Options)
        {
            RejectControlCharacters(option, "SshOptions.Options");
            argv.Add("-o");
            argv.Add(option);
        }
        var seconds = Math.Max(1, (int)Math.Ceiling(connectTimeout.TotalSeconds));
        argv.AddRange(["-o", "BatchMode=yes", "-o", "ConnectTimeout=" + seconds.ToString(CultureInfo.InvariantCulture)]);
        if (sharing is not null)
        {
            var path = sharing.Path?.Replace("%", "%%", StringComparison.Ordinal) ?? "none";
            var persist = Math.Max(1, (int)Math.Ceiling(ssh.ControlPersist.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            argv.AddRange(sharing.Role switch
            {
                ControlMasters.Role.Master => ["-o", "ControlMaster=auto", "-o", "ControlPath=" + path, "-o", "ControlPersist=" + persist],
                ControlMasters.Role.Client => ["-o", "ControlMaster=no", "-o", "ControlPath=" + path],
                _ => ["-o", "ControlMaster=no", "-o", "ControlPath=none"],
            });
        }
        if (fastCiphers && !Sets(ssh, "Ciphers")) argv.AddRange(["-o", "Ciphers=" + FastCiphers]);
        if (ssh.User is not null)
        {
            RejectControlCharacters(ssh.User, "SshOptions.User");
            argv.AddRange(["-l", ssh.User]);
        }
        if (ssh.Port is { } port)
        {
            if (port is < 1 or > 65535)
                throw new ArgumentOutOfRangeException(nameof(ssh), port, "SshOptions.Port must be between 1 and 65535.");
            argv.AddRange(["-p", port.ToString(CultureInfo.InvariantCulture)]);
        }
        if (ssh.IdentityFile is not null)
        {
            RejectControlCharacters(ssh.IdentityFile, "SshOptions.IdentityFile");
            argv.AddRange(["-i", ssh.IdentityFile]);
        }
        argv.AddRange(["--", destination, RemoteShell.For(ssh)]);
        return argv;
    }

    /// <summary>True when the user's options configure connection sharing themselves (then theirs apply, not ours).</summary>
    public static bool ConfiguresSharing(SshOptions ssh) => SharingSettings.Any(setting => Sets(ssh, setting));

    /// <summary>True when <see cref="SshOptions.Options"/> has an entry for <paramref name="setting"/> (<c>Name=…</c> or <c>Name …</c>).</summary>
    public static bool Sets(SshOptions ssh, string setting) => SshOptionSettings.Find(ssh, setting) is not null;

    /// <summary>How the target appears in logs and errors: <c>ssh user@host:port</c>.</summary>
    public static string Describe(string destination, SshOptions ssh) =>
        "ssh " + (ssh.User is null ? "" : ssh.User + "@") + destination + (ssh.Port is { } p ? ":" + p : "");

    /// <summary>
    /// A destination (<c>host</c>, <c>user@host</c>, <c>ssh://user@host:port</c>) must not start with '-' and must
    /// not contain whitespace or control characters: ssh would read the first as an option, and neither belongs in
    /// a host name.
    /// </summary>
    public static void ValidateDestination(string destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (destination.Length == 0)
            throw new ArgumentException("The SSH destination is empty.", nameof(destination));
        if (destination[0] == '-')
            throw new ArgumentException(
                $"The SSH destination '{destination}' starts with '-', which ssh would read as an option; refusing it.",
                nameof(destination));
        if (destination.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            throw new ArgumentException(
                $"The SSH destination '{Printable(destination)}' contains whitespace or control characters; refusing it.",
                nameof(destination));
    }

    private static void RejectControlCharacters(string value, string what)
    {
        if (value.Any(char.IsControl))
            throw new ArgumentException($"{what} value '{Printable(value)}' contains control characters.", nameof(value));
    }

    private static string Printable(string value) =>
        string.Concat(value.Select(c => char.IsControl(c) ? $"\\x{(int)c:x2}" : c.ToString()));
}
