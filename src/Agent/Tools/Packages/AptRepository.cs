using System.Text;
using Rmote.Tools.Common;

namespace Rmote.Tools;

/// <summary>
/// APT package sources and their signing keys: DEB822 <c>.sources</c> files in <c>/etc/apt/sources.list.d</c> and
/// keyrings in <c>/etc/apt/keyrings</c>. Writes are atomic and idempotent. Every method takes the file system root
/// (default <c>/</c>) so that a chroot or image tree can be prepared; <c>{root}/etc/apt</c> must exist — a target
/// without APT refuses with <see cref="PlatformNotSupportedException"/> instead of writing files nothing reads.
/// Run <see cref="Apt.Update"/> afterwards to download the new index.
/// </summary>
[Tool]
public static class AptRepository
{
    private const UnixFileMode DirectoryMode = (UnixFileMode)0x1ED;   // rwxr-xr-x

    /// <summary>Writes a signing key to <c>{root}/etc/apt/keyrings/{name}</c> (mode 0644) unless it is already there.</summary>
    /// <param name="name">The file name, e.g. <c>docker.asc</c> (letters, digits, '_', '-', '.').</param>
    /// <param name="data">The key: binary (<c>.gpg</c>) or ASCII-armoured (<c>.asc</c>).</param>
    /// <param name="root">The file system root.</param>
    public static NamedChange Key(string name, byte[] data, string root = "/")
    {
        Names.FileName(name, nameof(name));
        ArgumentNullException.ThrowIfNull(data);
        var directory = EnsureDirectory(root, "keyrings");
        return new NamedChange(name, AtomicFile.Write(Path.Join(directory, name), data, new FileSettings(AtomicFile.DefaultMode)));
    }

    /// <summary>Removes the key <c>{root}/etc/apt/keyrings/{name}</c> if it is there.</summary>
    public static NamedChange KeyAbsent(string name, string root = "/") =>
        RemoveFile(name, Path.Join(AptDirectory(root), "keyrings", Names.FileName(name, nameof(name))));

    /// <summary>
    /// Makes <c>{root}/etc/apt/sources.list.d/{name}.sources</c> hold exactly <paramref name="source"/> (mode 0644).
    /// </summary>
    /// <param name="name">The repository's label, used as the file name stem (letters, digits, '_', '-', '.').</param>
    /// <param name="source">The stanza.</param>
    /// <param name="root">The file system root.</param>
    /// <exception cref="ArgumentException">An invalid name, an empty list, a value with whitespace or a line break.</exception>
    public static NamedChange Present(string name, AptSource source, string root = "/")
    {
        Names.FileName(name, nameof(name));
        var content = Render(source);
        var directory = EnsureDirectory(root, "sources.list.d");
        return new NamedChange(name, AtomicFile.Write(Path.Join(directory, name + ".sources"), Encoding.UTF8.GetBytes(content), new FileSettings(AtomicFile.DefaultMode)));
    }

    /// <summary>Removes <c>{root}/etc/apt/sources.list.d/{name}.sources</c> if it is there.</summary>
    public static NamedChange Absent(string name, string root = "/") =>
        RemoveFile(name, Path.Join(AptDirectory(root), "sources.list.d", Names.FileName(name, nameof(name)) + ".sources"));

    private static string Render(AptSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var text = new StringBuilder();
        void Field(string field, IReadOnlyList<string> values, string parameter) =>
            text.Append(field).Append(": ").AppendJoin(' ', Names.Words(values, parameter)).Append('\n');

        Field("Types", source.Types, nameof(source.Types));
        Field("URIs", source.Uris, nameof(source.Uris));
        Field("Suites", source.Suites, nameof(source.Suites));
        if (source.Components.Count > 0)
        {
            Field("Components", source.Components, nameof(source.Components));
        }

        if (source.Architectures.Count > 0)
        {
            Field("Architectures", source.Architectures, nameof(source.Architectures));
        }

        if (source.SignedBy is { } signedBy)
        {
            text.Append("Signed-By: ").Append(Names.SingleLine(signedBy, nameof(source.SignedBy)).Trim()).Append('\n');
        }

        return text.ToString();
    }

    private static string AptDirectory(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        var directory = Path.Join(root, "etc", "apt");
        return Directory.Exists(directory)
            ? directory
            : throw new PlatformNotSupportedException($"'{directory}' does not exist: AptRepository needs APT (Debian, Ubuntu).");
    }

    private static string EnsureDirectory(string root, string name)
    {
        var directory = Path.Join(AptDirectory(root), name);
        if (!Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory, DirectoryMode);
        }

        return directory;
    }

    private static NamedChange RemoveFile(string name, string path) => new(name, AtomicFile.Delete(path));
}
