using Rmote.Tools.Common;
using Rmote.Tools.Packages;

namespace Rmote.Tools;

/// <summary>
/// Arch Linux repositories: <c>[name]</c> sections of <c>/etc/pacman.conf</c>, and key files in <c>/etc/pacman.d</c>.
/// Only the named section is touched — the rest of the file, comments and commented-out repositories included,
/// stays byte for byte — and writes are atomic and idempotent. Every method takes the file system root (default
/// <c>/</c>); <c>{root}/etc/pacman.conf</c> must exist — a target without pacman refuses with
/// <see cref="PlatformNotSupportedException"/>, a pacman.conf that is not valid UTF-8 with
/// <see cref="InvalidDataException"/> (unchanged). Run <see cref="Pacman.Update"/> afterwards.
/// </summary>
[Tool]
public static class PacmanRepository
{
    /// <summary>pacman's default signature level for a repository added here.</summary>
    public const string DefaultSigLevel = "Optional TrustAll";

    /// <summary>Writes a key file to <c>{root}/etc/pacman.d/{name}</c> (mode 0644) unless it is already there.</summary>
    /// <param name="name">The file name (letters, digits, '_', '-', '.').</param>
    /// <param name="data">The key.</param>
    /// <param name="root">The file system root.</param>
    public static NamedChange Key(string name, byte[] data, string root = "/")
    {
        Names.FileName(name, nameof(name));
        ArgumentNullException.ThrowIfNull(data);
        var directory = Path.Join(Path.GetDirectoryName(ConfigPath(root)), "pacman.d");
        Directory.CreateDirectory(directory);
        return new NamedChange(name, AtomicFile.Write(Path.Join(directory, name), data, new FileSettings(AtomicFile.DefaultMode)));
    }

    /// <summary>
    /// Makes pacman.conf have the section <c>[name]</c> with <c>SigLevel = </c><paramref name="sigLevel"/> and one
    /// <c>Server = </c> line per server: an existing section is rewritten in place if it differs, a missing one is
    /// appended.
    /// </summary>
    /// <param name="name">The repository name (letters, digits, '_', '-', '.').</param>
    /// <param name="servers">Server URLs (<c>$repo</c> and <c>$arch</c> are expanded by pacman).</param>
    /// <param name="sigLevel">The SigLevel value; empty leaves the line out (pacman's global default applies).</param>
    /// <param name="root">The file system root.</param>
    /// <exception cref="ArgumentException">An invalid name, <c>options</c>, no servers, a value with a line break.</exception>
    public static NamedChange Present(string name, IReadOnlyList<string> servers, string sigLevel = DefaultSigLevel, string root = "/")
    {
        RepositoryName(name);
        Names.Words(servers, nameof(servers));
        Names.SingleLine(sigLevel, nameof(sigLevel));
        string[] body = [.. sigLevel.Trim().Length > 0 ? [$"SigLevel = {sigLevel.Trim()}"] : Array.Empty<string>(), .. servers.Select(server => $"Server = {server}")];
        return Edit(name, root, text => PacmanConfig.SetSection(text, name, body));
    }

    /// <summary>Removes the section <c>[name]</c> from pacman.conf if it is there.</summary>
    /// <exception cref="ArgumentException">An invalid name, or <c>options</c>.</exception>
    public static NamedChange Absent(string name, string root = "/")
    {
        RepositoryName(name);
        return Edit(name, root, text => PacmanConfig.RemoveSection(text, name));
    }

    // [options] is pacman's global section, not a repository: rewriting or deleting it would break pacman.
    private static void RepositoryName(string name)
    {
        Names.FileName(name, nameof(name));
        if (name.Equals("options", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException("'options' is pacman.conf's global section, not a repository name.", nameof(name));
        }
    }

    private static NamedChange Edit(string name, string root, Func<string, string> edit)
    {
        var path = ConfigPath(root);
        var (text, byteOrderMark) = TextFile.Read(path);
        var updated = edit(text);
        return new NamedChange(name, updated != text && AtomicFile.Write(path, TextFile.Encode(updated, byteOrderMark)));
    }

    private static string ConfigPath(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        var path = Path.Join(root, "etc", "pacman.conf");
        return File.Exists(path)
            ? path
            : throw new PlatformNotSupportedException($"'{path}' does not exist: PacmanRepository needs pacman (Arch Linux).");
    }
}
