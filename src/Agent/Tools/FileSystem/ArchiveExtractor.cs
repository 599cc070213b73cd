using System.Formats.Tar;
using System.IO.Compression;
using Rmote.Tools.Interop;

namespace Rmote.Tools;

/// <summary>
/// Extracts tar, tar.gz and zip archives (recognised by their first bytes, not their names) so that nothing lands
/// outside the destination: every entry name is checked before anything is written — an absolute name or one that
/// climbs out with <c>..</c> refuses the whole archive — links, devices and FIFOs are skipped, an existing symlink
/// inside the destination is never written through, and set-id bits are dropped.
/// </summary>
internal static class ArchiveExtractor
{
    private const UnixFileMode Permissions = (UnixFileMode)0x1FF;

    private enum Format
    {
        Tar,
        TarGz,
        Zip,
    }

    private enum Kind
    {
        Directory,
        File,
        Skipped,
        Metadata,
    }

    /// <summary>Extracts <paramref name="archive"/> into <paramref name="destination"/>, creating it if needed.</summary>
    /// <exception cref="InvalidDataException">An entry would land outside the destination, or the archive is damaged.</exception>
    /// <exception cref="IOException">An entry would be written through a symlink or over a directory.</exception>
    public static ArchiveExtraction Extract(string archive, string destination)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(destination));
        var format = Detect(archive);
        ForEachEntry(archive, format, entry =>
        {
            if (entry.Kind is Kind.Directory or Kind.File)
            {
                Resolve(root, entry.Name);
            }
        });

        Directory.CreateDirectory(root);
        var extracted = new List<string>();
        var skipped = new List<string>();
        var directoryModes = new List<(string Path, UnixFileMode Mode)>();
        ForEachEntry(archive, format, entry =>
        {
            switch (entry.Kind)
            {
                case Kind.Directory:
                    var directory = Resolve(root, entry.Name);
                    EnsureDirectory(root, directory);
                    directoryModes.Add((directory, entry.Mode));
                    extracted.Add(entry.Name);
                    break;
                case Kind.File:
                    WriteFile(root, Resolve(root, entry.Name), entry);
                    extracted.Add(entry.Name);
                    break;
                case Kind.Skipped:
                    skipped.Add(entry.Name);
                    break;
            }
        });

        // Last, so that a read-only directory in the archive does not stop its own files from being written.
        foreach (var (path, mode) in directoryModes.Where(d => d.Path != root))
        {
            NativeFile.LChmod(path, mode);
        }

        return new ArchiveExtraction(root, [.. extracted], [.. skipped]);
    }

    private static Format Detect(string archive)
    {
        Span<byte> magic = stackalloc byte[4];
        using var file = File.OpenRead(archive);
        var read = file.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false);
        return read switch
        {
            >= 2 when magic[0] == 0x1f && magic[1] == 0x8b => Format.TarGz,
            >= 4 when magic[0] == 'P' && magic[1] == 'K' && magic[2] is 3 or 5 && magic[3] is 4 or 6 => Format.Zip,
            _ => Format.Tar,
        };
    }

    private static void ForEachEntry(string archive, Format format, Action<Entry> visit)
    {
        try
        {
            if (format == Format.Zip)
            {
                using var zip = ZipFile.OpenRead(archive);
                foreach (var entry in zip.Entries)
                {
                    var unixMode = (entry.ExternalAttributes >> 16) & 0xFFFF;
                    var kind = (unixMode & 0xF000) switch
                    {
                        _ when entry.FullName.EndsWith('/') => Kind.Directory,
                        0 or 0x8000 => Kind.File,
                        0x4000 => Kind.Directory,
                        _ => Kind.Skipped,
                    };
                    visit(new Entry(entry.FullName, kind, Mode((UnixFileMode)unixMode, kind), entry.LastWriteTime, kind == Kind.File ? entry.Open : null, OwnsData: true));
                }

                return;
            }

            using var file = File.OpenRead(archive);
            using var stream = format == Format.TarGz ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
            using var reader = new TarReader(stream);
            while (reader.GetNextEntry() is { } entry)
            {
                var kind = entry.EntryType switch
                {
                    TarEntryType.Directory => Kind.Directory,
                    TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile => Kind.File,
                    TarEntryType.GlobalExtendedAttributes => Kind.Metadata,
                    _ => Kind.Skipped,
                };
                var data = entry.DataStream;
                visit(new Entry(entry.Name, kind, Mode(entry.Mode, kind), entry.ModificationTime, data is null ? null : () => data, OwnsData: false));
            }
        }
        catch (Exception failure) when (failure is FormatException or EndOfStreamException)
        {
            throw new InvalidDataException($"'{archive}' is not a valid {format} archive: {failure.Message}", failure);
        }
    }

    private static UnixFileMode Mode(UnixFileMode mode, Kind kind) =>
        (mode & Permissions) != 0 ? mode & Permissions
        : kind == Kind.Directory ? Permissions & ~(UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)
        : Common.AtomicFile.DefaultMode;

    /// <summary>The full path of an entry, which must be inside <paramref name="root"/>.</summary>
    private static string Resolve(string root, string name)
    {
        var full = name.Length == 0 || name.StartsWith('/') || name.Contains('\0')
            ? null
            : Path.TrimEndingDirectorySeparator(Path.GetFullPath(Path.Join(root, name)));
        return full is not null && (full == root || full.StartsWith(root + "/", StringComparison.Ordinal))
            ? full
            : throw new InvalidDataException(
                $"The archive entry '{Common.Names.Printable(name)}' would be written outside '{root}'; nothing was extracted.");
    }

    /// <summary>Creates the directories from <paramref name="root"/> down to <paramref name="directory"/>, refusing to pass a symlink.</summary>
    private static void EnsureDirectory(string root, string directory)
    {
        var current = root;
        foreach (var part in Path.GetRelativePath(root, directory).Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".")
            {
                continue;
            }

            current = Path.Join(current, part);
            switch (NativeFile.TryStat(current))
            {
                case null:
                    Directory.CreateDirectory(current);
                    break;
                case { IsDirectory: true }:
                    break;
                default:
                    throw new IOException($"'{current}' exists and is not a directory (a symlink is never followed); extraction stopped.");
            }
        }
    }

    private static void WriteFile(string root, string path, Entry entry)
    {
        EnsureDirectory(root, Path.GetDirectoryName(path)!);
        switch (NativeFile.TryStat(path))
        {
            case { IsDirectory: true }:
                throw new IOException($"The archive entry '{entry.Name}' is a file but '{path}' is a directory; extraction stopped.");
            case not null:
                File.Delete(path);   // a file or a symlink: replaced, never written through
                break;
        }

        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite };
        using (var output = new FileStream(path, options))
        {
            if (entry.Open?.Invoke() is { } data)
            {
                data.CopyTo(output);
                if (entry.OwnsData)
                {
                    data.Dispose();
                }
            }

            output.Flush();
            File.SetUnixFileMode(output.SafeFileHandle, entry.Mode);
            File.SetLastWriteTimeUtc(output.SafeFileHandle, entry.Modified.UtcDateTime);
        }
    }

    /// <summary>One archive entry; <see cref="Open"/> gives its data while the visit lasts (the caller disposes it when <see cref="OwnsData"/>).</summary>
    private sealed record Entry(string Name, Kind Kind, UnixFileMode Mode, DateTimeOffset Modified, Func<Stream>? Open, bool OwnsData);
}
