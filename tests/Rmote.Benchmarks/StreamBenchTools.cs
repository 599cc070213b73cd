namespace Rmote.Benchmarks;

/// <summary>The streaming tools of the <c>stream</c> suite: small records and 64 KiB chunks, made as cheaply as possible.</summary>
[Tool]
public static class StreamBenchTools
{
    private static readonly byte[] Chunk = MakeChunk();

    /// <summary><paramref name="count"/> small records.</summary>
    public static async IAsyncEnumerable<BenchRecord> Records(int count)
    {
        for (var i = 0; i < count; i++) yield return new BenchRecord(i, "record");
        await Task.CompletedTask;
    }

    /// <summary><paramref name="count"/> chunks of 64 KiB of random bytes (one array, sent again and again).</summary>
    public static async IAsyncEnumerable<byte[]> Chunks(int count)
    {
        for (var i = 0; i < count; i++) yield return Chunk;
        await Task.CompletedTask;
    }

    private static byte[] MakeChunk()
    {
        var chunk = new byte[64 * 1024];
        new Random(42).NextBytes(chunk);
        return chunk;
    }
}

/// <summary>A small streamed record.</summary>
public sealed record BenchRecord(int Index, string Name);
