namespace Rmote.Tools;

// Archives.
public static partial class FileSystem
{
    /// <summary>
    /// Extracts a tar, tar.gz or zip archive (recognised by content, not name) into <paramref name="destination"/>,
    /// creating it if needed. Every entry name is checked first: an absolute name or one escaping the destination
    /// with <c>..</c> refuses the whole archive before anything is written. Symbolic and hard links, devices and FIFOs
    /// are skipped (and listed); an existing symlink inside the destination is replaced or refused, never written
    /// through; file modes are kept without set-id bits; ownership is not taken from the archive.
    /// </summary>
    /// <exception cref="InvalidDataException">An entry would land outside the destination, or the archive is damaged.</exception>
    /// <exception cref="IOException">An entry would have to be written through a symlink or over a directory.</exception>
    public static ArchiveExtraction ExtractArchive(string archive, string destination) => ArchiveExtractor.Extract(archive, destination);
}
