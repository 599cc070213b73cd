using System.Security.Cryptography;
using Rmote.Integration.Tests.Support;

namespace Rmote.Integration.Tests.Transfer;

/// <summary>
/// Transfer chunks travel in pooled arrays on both sides (the upload pump's reads, the decoders' payloads, the agent's
/// file reads), each given back once it has been written or used. An array given back too early would be reused by
/// another transfer while its bytes are still on their way — silent corruption. So: several uploads and downloads at
/// once on one connection (all sharing the pools), forced (no hash first, so only the content comparison here can
/// tell), beside a consumer that keeps every <c>byte[]</c> of a streamed file (arrays it keeps must never be reused).
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PooledChunkTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(120);
    private static readonly TransferOptions Force = new() { Force = true };
    private readonly string root = Directory.CreateTempSubdirectory("rmote-pooled-").FullName;
    private RmoteConnection connection = null!;

    public async Task InitializeAsync() => connection = await RmoteConnection.StartLocalAsync().Within(Bound, "StartLocalAsync");

    public async Task DisposeAsync()
    {
        await connection.DisposeAsync();
        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public async Task Concurrent_uploads_downloads_and_a_kept_chunk_stream_keep_every_byte()
    {
        const int size = 12 * 1024 * 1024 + 4321;   // a short last chunk
        var work = new List<Func<Task<(string Expected, string Actual)>>>();
        for (var i = 0; i < 3; i++)
        {
            var up = WriteRandom($"up{i}.bin", size + i);
            var uploaded = Path.Combine(root, $"uploaded{i}.bin");
            work.Add(async () => { await connection.UploadAsync(up, uploaded, Force); return (up, uploaded); });
            var down = WriteRandom($"down{i}.bin", size - i);
            var downloaded = Path.Combine(root, $"downloaded{i}.bin");
            work.Add(async () => { await connection.DownloadAsync(down, downloaded, Force); return (down, downloaded); });
        }
        var streamed = WriteRandom("streamed.bin", size);
        work.Add(async () =>
        {
            // The public byte[] stream: the consumer keeps every chunk until the end.
            var chunks = new List<byte[]>();
            await foreach (var chunk in connection.StreamAsync(() => Tools.Transfer.ReadFileAsync(streamed, CancellationToken.None), window: 128))
                chunks.Add(chunk);
            var kept = Path.Combine(root, "kept.bin");
            await File.WriteAllBytesAsync(kept, chunks.SelectMany(c => c).ToArray());
            return (streamed, kept);
        });

        var pairs = await Task.WhenAll(work.Select(Task.Run)).Within(Bound, "the transfers");

        foreach (var (expected, actual) in pairs)
            Assert.True(Sha256(expected) == Sha256(actual), $"{Path.GetFileName(actual)} differs from {Path.GetFileName(expected)}");
    }

    private string WriteRandom(string name, int size)
    {
        var path = Path.Combine(root, name);
        File.WriteAllBytes(path, RandomNumberGenerator.GetBytes(size));
        return path;
    }

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
}
