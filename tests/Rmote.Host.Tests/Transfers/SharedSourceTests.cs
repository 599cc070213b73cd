using System.Security.Cryptography;
using Rmote.Transfers;

namespace Rmote.Host.Tests.Transfers;

/// <summary>
/// The fleet copy's shared read over a real file: readers that start together read it once between them, each gets
/// every byte whatever its pace, the slowest holds the source back by at most the window, a reader that leaves frees
/// the others, a late reader reads again, and a failing source fails every reader with an <see cref="IOException"/>.
/// </summary>
public sealed class SharedSourceTests : IDisposable
{
    private const int Chunk = 64 * 1024;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly string path = Path.GetTempFileName();
    private readonly byte[] content = RandomNumberGenerator.GetBytes(40 * Chunk + 123);   // a short last chunk
    private int opened;

    public SharedSourceTests() => File.WriteAllBytes(path, content);

    public void Dispose() => File.Delete(path);

    private SharedSource Source(int window) => new(() =>
    {
        Interlocked.Increment(ref opened);
        return File.OpenRead(path);
    }, Chunk, window);

    [Fact]
    public async Task Readers_opened_together_read_the_file_once_and_each_gets_every_byte()
    {
        var source = Source(window: 4);
        var readers = Enumerable.Range(0, 5).Select(_ => source.OpenReader()).ToList();

        // Different paces and read sizes: one reads 1000 bytes at a time, one pauses between chunks.
        var copies = await Task.WhenAll(readers.Select((r, i) => ReadAllAsync(r, i == 0 ? 1000 : Chunk, pause: i == 1))).WaitAsync(Bound);

        Assert.All(copies, c => Assert.Equal(content, c));
        Assert.Equal((1, 1), (opened, source.Passes));
    }

    [Fact]
    public async Task The_fastest_reader_is_held_within_the_window_of_the_slowest()
    {
        var source = Source(window: 4);
        using var slow = source.OpenReader();
        using var fast = source.OpenReader();
        var buffer = new byte[Chunk];

        // The slow reader has read nothing: the fast one gets the 4 chunks of the window, then waits.
        for (var i = 0; i < 4; i++) await fast.ReadExactlyAsync(buffer).AsTask().WaitAsync(Bound);
        var fifth = fast.ReadExactlyAsync(buffer).AsTask();
        await Task.Delay(200);
        Assert.False(fifth.IsCompleted);

        await slow.ReadExactlyAsync(buffer).AsTask().WaitAsync(Bound);   // the slow one moves on: room for one more
        await fifth.WaitAsync(Bound);
        Assert.Equal(content.AsSpan(4 * Chunk, Chunk).ToArray(), buffer);
    }

    [Fact]
    public async Task A_reader_that_leaves_no_longer_holds_the_others_back()
    {
        var source = Source(window: 2);
        var stuck = source.OpenReader();
        var reader = source.OpenReader();
        var copy = ReadAllAsync(reader, Chunk, pause: false);
        await Task.Delay(200);
        Assert.False(copy.IsCompleted);   // held by the reader that never reads

        stuck.Dispose();
        Assert.Equal(content, await copy.WaitAsync(Bound));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => stuck.ReadAsync(new byte[10]).AsTask());
    }

    [Fact]
    public async Task A_reader_opened_after_the_first_chunk_was_let_go_reads_the_file_again()
    {
        var source = Source(window: 2);
        var first = source.OpenReader();
        var buffer = new byte[Chunk];
        await first.ReadExactlyAsync(buffer);
        await first.ReadExactlyAsync(buffer);   // chunk 0 is gone: nobody needs it
        await first.ReadExactlyAsync(buffer);

        var late = source.OpenReader();
        Assert.Equal(content, await ReadAllAsync(late, Chunk, pause: false).WaitAsync(Bound));
        Assert.Equal((2, 2), (opened, source.Passes));
        first.Dispose();
    }

    [Fact]
    public async Task A_source_that_fails_fails_every_reader_with_an_IOException()
    {
        var source = new SharedSource(() => new FailingStream(2 * Chunk), Chunk, 8);
        var readers = Enumerable.Range(0, 3).Select(_ => source.OpenReader()).ToList();

        foreach (var reader in readers)
        {
            var failure = await Assert.ThrowsAsync<IOException>(() => ReadAllAsync(reader, Chunk, pause: false).WaitAsync(Bound));
            Assert.Contains("disk gone", failure.Message);
        }
    }

    private static async Task<byte[]> ReadAllAsync(Stream reader, int size, bool pause)
    {
        await Task.Yield();
        using var copy = new MemoryStream();
        var buffer = new byte[size];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            copy.Write(buffer, 0, read);
            if (pause) await Task.Delay(1);
        }
        await reader.DisposeAsync();
        return copy.ToArray();
    }

    /// <summary>Gives <c>good</c> bytes, then fails as a dying disk would.</summary>
    private sealed class FailingStream(int good) : MemoryStream(new byte[good])
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Position < Length ? base.ReadAsync(buffer, cancellationToken) : throw new IOException("disk gone");
    }
}
