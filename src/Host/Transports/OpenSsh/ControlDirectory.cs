using Microsoft.Extensions.Logging;

namespace Rmote.Transports.OpenSsh;

/// <summary>
/// The private directory holding our ssh control sockets: <c>$XDG_RUNTIME_DIR/rmote-ssh</c> when that exists, else
/// <c>/tmp/rmote-ssh-&lt;uid&gt;</c>. It must be a real directory (not a symlink) owned by us with mode 0700 — anyone
/// who can write there could plant a socket that sees every command we send — so when it is not, sharing is off and
/// every connection goes direct.
/// </summary>
internal static class ControlDirectory
{
    private const int PrivateMode = 0b111_000_000;

    /// <summary>Finds or creates the directory; <c>null</c> (after a warning) when it cannot be trusted.</summary>
    public static string? Get(ILogger logger)
    {
        if (OperatingSystem.IsWindows()) return null;
        var path = DefaultPath();
        try
        {
            if (UnixFiles.Stat(path).Kind == UnixFiles.Kind.Missing)
                Directory.CreateDirectory(path, (UnixFileMode)PrivateMode);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("ssh connection sharing is off: cannot create {Directory}: {Error}", path, e.Message);
            return null;
        }
        var (kind, owner, mode) = UnixFiles.Stat(path);
        if (kind == UnixFiles.Kind.Directory && owner == UnixFiles.EffectiveUserId && mode == PrivateMode) return path;
        logger.LogWarning("ssh connection sharing is off: {Directory} is not a directory of ours with mode 0700 "
                          + "({Kind}, owner {Owner}, mode {Mode})", path, kind, owner, Convert.ToString(mode, 8));
        return null;
    }

    /// <summary>Where the directory is expected (short: a Unix socket path has at most 107 bytes).</summary>
    public static string DefaultPath()
    {
        var runtime = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR");
        if (!string.IsNullOrEmpty(runtime) && Path.IsPathRooted(runtime) && Directory.Exists(runtime))
            return Path.Combine(runtime, "rmote-ssh");
        return Path.Combine(Path.GetTempPath(), "rmote-ssh-" + UnixFiles.EffectiveUserId);
    }
}
