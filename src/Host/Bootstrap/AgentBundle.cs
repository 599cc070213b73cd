using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Rmote.Bootstrap;

/// <summary>
/// The agent's files (framework-dependent build output, shipped in <c>agent/</c> next to Rmote.Host) as one immutable
/// upload unit. Its canonical form — a manifest of <c>"&lt;size&gt; &lt;relative path&gt;\n"</c> lines in ordinal
/// order, followed by the files' contents in the same order — is both what is uploaded and what is hashed, so the
/// sha256 names exactly the bytes the target receives, paths and sizes included, and the target can verify a cached
/// copy by re-hashing manifest + files with one <c>cat</c>.
/// </summary>
internal sealed partial class AgentBundle
{
    /// <summary>The assembly the target runs with <c>dotnet</c>.</summary>
    public const string EntryAssembly = "Rmote.Agent.dll";

    private static readonly Lazy<AgentBundle> DefaultBundle =
        new(() => Load(Path.Combine(AppContext.BaseDirectory, "agent")), LazyThreadSafetyMode.PublicationOnly);

    private readonly byte[] _canonical;

    private AgentBundle(string directory, IReadOnlyList<BundleFile> files, string manifest, byte[] canonical)
    {
        Directory = directory;
        Files = files;
        Manifest = manifest;
        _canonical = canonical;
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(canonical));
    }

    /// <summary>The bundle shipped next to Rmote.Host (loaded once per process).</summary>
    public static AgentBundle Default => DefaultBundle.Value;

    /// <summary>The folder the files were read from.</summary>
    public string Directory { get; }

    /// <summary>The files in upload order (ordinal by relative path).</summary>
    public IReadOnlyList<BundleFile> Files { get; }

    /// <summary>One <c>"&lt;size&gt; &lt;path&gt;\n"</c> line per file; the head of the canonical form.</summary>
    public string Manifest { get; }

    /// <summary>Lower-case hex sha256 of the canonical form: the bundle's identity and its cache directory name.</summary>
    public string Sha256 { get; }

    /// <summary>Bytes of the canonical form, i.e. of an upload.</summary>
    public long Length => _canonical.LongLength;

    /// <summary>The full path of the entry assembly in <see cref="Directory"/>.</summary>
    public string EntryPath => Path.Combine(Directory, EntryAssembly);

    /// <summary>
    /// Reads every file under <paramref name="directory"/> into memory (a bundle is a few MB; holding it keeps the hash
    /// and an upload consistent even if the folder is rebuilt meanwhile).
    /// </summary>
    public static AgentBundle Load(string directory)
    {
        var root = Path.GetFullPath(directory);
        if (!File.Exists(Path.Combine(root, EntryAssembly)))
            throw new RmoteConnectException(ConnectFailureReason.AgentBundleMissing, "agent bundle",
                $"'{Path.Combine(root, EntryAssembly)}' does not exist. The agent ships in the agent/ folder next to "
                + "Rmote.Host.dll; rebuild or reinstall the program.");

        var paths = System.IO.Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(root, p).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
        var contents = new List<byte[]>(paths.Count);
        var files = new List<BundleFile>(paths.Count);
        var manifest = new StringBuilder();
        foreach (var path in paths)
        {
            if (!SafePath().IsMatch(path))
                throw new RmoteConnectException(ConnectFailureReason.AgentBundleMissing, "agent bundle",
                    $"'{path}' in '{root}' is not a valid bundle file name (letters, digits, '_', '-', '+', '.' and "
                    + "'/' only, no component starting with '.').");
            var bytes = File.ReadAllBytes(Path.Combine(root, path));
            contents.Add(bytes);
            files.Add(new BundleFile(path, bytes.LongLength));
            manifest.Append(bytes.LongLength).Append(' ').Append(path).Append('\n');
        }

        var head = Encoding.ASCII.GetBytes(manifest.ToString());
        var canonical = new byte[head.LongLength + contents.Sum(c => c.LongLength)];
        head.CopyTo(canonical, 0);
        var offset = head.Length;
        foreach (var bytes in contents)
        {
            bytes.CopyTo(canonical, offset);
            offset += bytes.Length;
        }
        return new AgentBundle(root, files, manifest.ToString(), canonical);
    }

    /// <summary>Writes the canonical form (what the target hashes and unpacks) to <paramref name="destination"/>.</summary>
    public async Task WriteToAsync(Stream destination, CancellationToken cancellationToken)
    {
        await destination.WriteAsync(_canonical, cancellationToken).ConfigureAwait(false);
        await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    // Names the stage-1 script can use unquoted in a word list and a manifest line: no spaces, globs or dot-files.
    [GeneratedRegex(@"^[A-Za-z0-9_+-][A-Za-z0-9._+-]*(/[A-Za-z0-9_+-][A-Za-z0-9._+-]*)*$")]
    private static partial Regex SafePath();
}
