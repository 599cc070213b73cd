namespace Rmote;

/// <summary>How <c>RmoteConnection.UploadAsync</c> and <c>DownloadAsync</c> copy.</summary>
public sealed record TransferOptions
{
    /// <summary>The default options: compare first, keep the replaced file's mode and owner, no progress.</summary>
    public static TransferOptions Default { get; } = new();

    /// <summary>The mode the copy gets; <see langword="null"/>: the replaced file's, else the source's (download) or 0644 (upload).</summary>
    public UnixFileMode? Mode { get; init; }

    /// <summary>Upload only: the owner (name or number) the copy gets; <see langword="null"/>: the replaced file's, else the agent's user.</summary>
    public string? Owner { get; init; }

    /// <summary>Upload only: the group (name or number) the copy gets; <see langword="null"/>: the replaced file's, else the agent's group.</summary>
    public string? Group { get; init; }

    /// <summary>Told the bytes copied so far, the total when known and the rate, about ten times a second and at the end.</summary>
    public IProgress<TransferProgress>? Progress { get; init; }

    /// <summary>
    /// Flush the copy to disk (<c>fsync</c> of the file before the rename, and of its directory after) so that it
    /// survives a power loss once the transfer has returned. Off by default, as in <c>scp</c>, <c>rsync</c> and Ansible's
    /// <c>copy</c>: the replace is atomic either way (readers see the old file or the new one, never a partial one), and
    /// waiting for the disk costs more than the copy itself — a 1 GiB file takes seconds to reach the disk.
    /// </summary>
    public bool Durable { get; init; }

    /// <summary>Copy even when the destination already has the same SHA-256 (default: skip, <c>Changed</c> false).</summary>
    public bool Force { get; init; }

    /// <summary>
    /// Upload from a stream: the source's SHA-256 (hex), when the caller knows it — e.g. a fleet copy that hashed the
    /// file once for every host. With it an unchanged destination is skipped and the agent verifies what it received.
    /// Ignored when uploading a path (the file is hashed).
    /// </summary>
    public string? Sha256 { get; init; }

    /// <summary>Upload from a stream: the source's length in bytes when known (progress total, verified by the agent).</summary>
    public long? Length { get; init; }
}
