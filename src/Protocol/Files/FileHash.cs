using System.Buffers;
using System.Security.Cryptography;

namespace Rmote.Protocol.Files;

/// <summary>
/// The SHA-256 of a file as transfers compare it, the same on host and agent: one sequential, unbuffered pass in
/// 1 MiB reads (the BCL's <c>HashDataAsync(Stream)</c> reads 4 KiB at a time: a quarter of a million system calls
/// per GiB), so hashing runs at the speed of the hash, not of the syscalls.
/// </summary>
internal static class FileHash
{
    private const int ReadSize = 1024 * 1024;

    /// <summary>Opens <paramref name="path"/> for one sequential read, unbuffered (callers read in large blocks).</summary>
    public static FileStream OpenRead(string path) =>
        new(path, new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read, BufferSize = 0, Options = FileOptions.SequentialScan });

    /// <summary>The SHA-256 of the file <paramref name="path"/>, lower-case hex.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static async Task<string> Sha256Async(string path, CancellationToken cancellationToken)
    {
        await using var file = OpenRead(path);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(ReadSize);
        try
        {
            int read;
            while ((read = await file.ReadAsync(buffer.AsMemory(0, ReadSize), cancellationToken).ConfigureAwait(false)) > 0)
                hash.AppendData(buffer, 0, read);
            return Convert.ToHexStringLower(hash.GetHashAndReset());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
