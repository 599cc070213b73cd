namespace Rmote.Tools.Packages;

/// <summary>
/// When the package index was last updated successfully by these tools, for <c>Update(ttl)</c>: the mtime of a stamp
/// file inside the index directory. The index must also still be there — images often delete the downloaded lists
/// (<c>rm -rf /var/lib/apt/lists/*</c> leaves dot files behind), and a fresh stamp over missing lists would skip the
/// update that is needed most (rmote's stamp did exactly that).
/// </summary>
/// <param name="indexDirectory">Where the package manager keeps its downloaded index.</param>
/// <param name="indexPattern">A file name pattern matching index files in it.</param>
internal sealed class UpdateStamp(string indexDirectory, string indexPattern)
{
    private readonly string path = Path.Join(indexDirectory, ".rmote-update");

    /// <summary>Whether an update within <paramref name="ttl"/> is on record and its index is present (never with no ttl).</summary>
    public bool IsFresh(TimeSpan? ttl) =>
        ttl is { } maximumAge
        && File.Exists(path)
        && DateTime.UtcNow - File.GetLastWriteTimeUtc(path) < maximumAge
        && Directory.EnumerateFiles(indexDirectory, indexPattern).Any();

    /// <summary>Records a successful update now (if the package manager created its index directory).</summary>
    public void Touch()
    {
        if (Directory.Exists(indexDirectory))
        {
            File.WriteAllBytes(path, []);
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
        }
    }
}
