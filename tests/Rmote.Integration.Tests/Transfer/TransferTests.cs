using System.Diagnostics;
using System.Formats.Tar;
using System.Security.Cryptography;
using Rmote.Integration.Tests.Support;

namespace Rmote.Integration.Tests.Transfer;

/// <summary>
/// UploadAsync / DownloadAsync over a real local agent on real files under a per-test temp directory: content and
/// mode arrive, an unchanged file is skipped, progress is reported, cancellation and failures leave no partial file,
/// directories travel as tar and a hostile tar cannot escape its destination.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class TransferTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly string root = Directory.CreateTempSubdirectory("rmote-transfer-").FullName;
    private RmoteConnection connection = null!;

    public async Task InitializeAsync() => connection = await RmoteConnection.StartLocalAsync().Within(Bound, "StartLocalAsync");

    public async Task DisposeAsync()
    {
        await connection.DisposeAsync();
        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public async Task Upload_copies_content_and_mode_then_skips_an_unchanged_file()
    {
        var source = WriteRandom("source.bin", 5 * 1024 * 1024 + 123);
        var target = Path.Combine(root, "target.bin");
        var reports = new List<TransferProgress>();

        var first = await connection.UploadAsync(source, target, new TransferOptions { Mode = (UnixFileMode)0x1A0 /* 0640 */, Progress = new SyncProgress(reports) })
            .Within(Bound, "the upload");
        Assert.True(first.Changed);
        Assert.Equal(new FileInfo(source).Length, first.Bytes);
        Assert.Equal(File.ReadAllBytes(source), File.ReadAllBytes(target));
        Assert.Equal((UnixFileMode)0x1A0, File.GetUnixFileMode(target));
        Assert.Equal(Sha256(source), first.Sha256);
        Assert.Equal(first.Bytes, reports[^1].Bytes);
        Assert.Equal(first.Bytes, reports[^1].Total);

        var inode = Inode(target);
        var second = await connection.UploadAsync(source, target).Within(Bound, "the second upload");
        Assert.False(second.Changed);
        Assert.Equal(0, second.Bytes);
        Assert.Equal(inode, Inode(target));   // not rewritten
        Assert.Equal((UnixFileMode)0x1A0, File.GetUnixFileMode(target));   // the replaced file's mode is kept

        var modeOnly = await connection.UploadAsync(source, target, new TransferOptions { Mode = (UnixFileMode)0x180 /* 0600 */ });
        Assert.True(modeOnly.Changed);
        Assert.Equal(0, modeOnly.Bytes);
        Assert.Equal((UnixFileMode)0x180, File.GetUnixFileMode(target));
        Assert.Empty(TempFiles());
    }

    [Fact]
    public async Task Download_copies_a_file_then_skips_it_when_unchanged()
    {
        var remote = WriteRandom("remote.bin", 3 * 1024 * 1024 + 7);
        File.SetUnixFileMode(remote, (UnixFileMode)0x1ED);   // 0755
        var local = Path.Combine(root, "local.bin");

        var first = await connection.DownloadAsync(remote, local).Within(Bound, "the download");
        Assert.True(first.Changed);
        Assert.Equal(File.ReadAllBytes(remote), File.ReadAllBytes(local));
        Assert.Equal((UnixFileMode)0x1ED, File.GetUnixFileMode(local));

        var second = await connection.DownloadAsync(remote, local).Within(Bound, "the second download");
        Assert.False(second.Changed);
        Assert.Equal(0, second.Bytes);
        Assert.Empty(TempFiles());
    }

    [Fact]
    public async Task Cancelling_an_upload_leaves_the_old_file_and_no_partial_file()
    {
        var source = Path.Combine(root, "endless");
        var target = Path.Combine(root, "kept.txt");
        File.WriteAllText(target, "old content");
        using var cancel = new CancellationTokenSource();
        var progress = new SyncProgress([], p => { if (p.Bytes > 4 * 1024 * 1024) cancel.Cancel(); });
        await using var endless = new EndlessStream();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            connection.UploadAsync(endless, target, new TransferOptions { Progress = progress }, cancel.Token)).Within(Bound, "the cancelled upload");
        Assert.Equal("old content", File.ReadAllText(target));
        await WaitUntilAsync(() => TempFiles().Length == 0, "the agent removing its temp file");
    }

    [Theory]
    [InlineData("cat | sh")]         // the agent's input ends; its answers still reach the host
    [InlineData("cat | sh | cat")]   // both directions are cut
    public async Task A_link_dropped_mid_upload_fails_with_ConnectionLostException_and_leaves_no_temp_file(string relay)
    {
        // The agent's pipes go through `cat`: killing the cats cuts the link under the agent mid-upload, as a dying
        // ssh session does, while the agent itself lives on — it must remove its hidden temp file before it exits, and
        // the host must hear of a lost connection (not of a cancellation nobody asked for).
        await using var relayed = await RmoteConnection.StartCommandAsync(["sh", "-c", relay], new RmoteOptions { Reconnect = ReconnectPolicy.Disabled })
            .Within(Bound, "StartCommandAsync");
        var children = Children(relayed.ProcessId ?? throw new InvalidOperationException("a command connection has a pid"));
        var cats = children.Where(pid => Command(pid) == "cat").ToArray();
        var agent = children.Except(cats).Single();
        var target = Path.Combine(root, "dropped.bin");
        var dropped = 0;
        var progress = new SyncProgress([], p =>
        {
            if (p.Bytes > 4 * 1024 * 1024 && Interlocked.Exchange(ref dropped, 1) == 0) foreach (var cat in cats) Process.GetProcessById(cat).Kill();
        });
        await using var endless = new EndlessStream();

        await Assert.ThrowsAsync<ConnectionLostException>(() => relayed.UploadAsync(endless, target, new TransferOptions { Progress = progress }))
            .Within(Bound, "the upload over a dropped link");
        Assert.Equal(1, dropped);
        await WaitUntilAsync(() => AgentProcesses.IsGone(agent), "the agent exiting");
        Assert.Empty(TempFiles());
        Assert.False(File.Exists(target));
    }

    [Fact]
    public async Task Cancelling_a_download_leaves_no_partial_file()
    {
        var remote = WriteRandom("big.bin", 64 * 1024 * 1024);
        var local = Path.Combine(root, "partial.bin");
        using var cancel = new CancellationTokenSource();
        // At the first report (after the first chunk; later ones come at most every 100 ms, and a fast machine may
        // finish 64 MiB before the next): a cancel that only came with the final report would find the download done.
        var progress = new SyncProgress([], p => { if (p.Bytes < p.Total) cancel.Cancel(); });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            connection.DownloadAsync(remote, local, new TransferOptions { Progress = progress }, cancel.Token)).Within(Bound, "the cancelled download");
        Assert.False(File.Exists(local));
        Assert.Empty(TempFiles());
    }

    [Fact]
    public async Task A_stream_upload_with_a_wrong_hash_is_refused_and_replaces_nothing()
    {
        var target = Path.Combine(root, "verified.txt");
        File.WriteAllText(target, "old");
        using var source = new MemoryStream("new content"u8.ToArray());
        var options = new TransferOptions { Sha256 = new string('0', 64), Length = source.Length };
        await Assert.ThrowsAsync<InvalidDataException>(() => connection.UploadAsync(source, target, options)).Within(Bound, "the upload");
        Assert.Equal("old", File.ReadAllText(target));
        Assert.Empty(TempFiles());
    }

    [Fact]
    public async Task Uploading_over_a_directory_fails_with_IOException()
    {
        var source = WriteRandom("small", 100);
        var directory = Directory.CreateDirectory(Path.Combine(root, "a-directory")).FullName;
        await Assert.ThrowsAsync<IOException>(() => connection.UploadAsync(source, directory)).Within(Bound, "the upload");
        Assert.True(Directory.Exists(directory));
    }

    [Fact]
    public async Task Directories_travel_both_ways()
    {
        var tree = Directory.CreateDirectory(Path.Combine(root, "tree")).FullName;
        Directory.CreateDirectory(Path.Combine(tree, "sub"));
        File.WriteAllText(Path.Combine(tree, "a.txt"), "alpha");
        File.WriteAllText(Path.Combine(tree, "sub", "b.txt"), "beta");

        var uploaded = Path.Combine(root, "uploaded");
        await connection.UploadAsync(tree, uploaded).Within(Bound, "the directory upload");
        Assert.Equal("alpha", File.ReadAllText(Path.Combine(uploaded, "a.txt")));
        Assert.Equal("beta", File.ReadAllText(Path.Combine(uploaded, "sub", "b.txt")));

        var downloaded = Path.Combine(root, "downloaded");
        var result = await connection.DownloadAsync(uploaded, downloaded).Within(Bound, "the directory download");
        Assert.True(result.Changed);
        Assert.Equal("beta", File.ReadAllText(Path.Combine(downloaded, "sub", "b.txt")));
        Assert.Empty(TempFiles());
    }

    [Fact]
    public async Task A_tar_entry_climbing_out_of_the_destination_refuses_the_whole_archive()
    {
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, leaveOpen: true))
        {
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "fine.txt") { DataStream = new MemoryStream("ok"u8.ToArray()) });
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "../escaped.txt") { DataStream = new MemoryStream("bad"u8.ToArray()) });
        }
        tar.Position = 0;
        var destination = Path.Combine(root, "dest");
        // Through the path UploadAsync takes for directories, with a tar no honest directory would make.
        var failure = await Assert.ThrowsAsync<InvalidDataException>(() => UploadTarAsync(tar, destination)).Within(Bound, "the hostile upload");
        Assert.Contains("..", failure.Message);
        Assert.False(File.Exists(Path.Combine(root, "escaped.txt")));
        Assert.False(File.Exists(Path.Combine(destination, "fine.txt")));
        Assert.Empty(TempFiles());
    }

    /// <summary>
    /// Chunks travel in pooled arrays on both sides (the upload pump's reads, the decoders' payloads, the agent's file
    /// reads), each given back once written or used; one given back too early would be reused by another transfer while
    /// its bytes are still on their way — silent corruption. So: uploads and downloads at once on one connection (all
    /// sharing the pools), forced (no hash first: only the comparison here can tell), beside a consumer that keeps
    /// every <c>byte[]</c> of a streamed file (arrays it keeps must never be reused).
    /// </summary>
    [Fact]
    public async Task Concurrent_uploads_downloads_and_a_kept_chunk_stream_keep_every_byte()
    {
        const int size = 12 * 1024 * 1024 + 4321;   // a short last chunk
        var force = new TransferOptions { Force = true };
        var work = new List<Func<Task<(string Expected, string Actual)>>>();
        for (var i = 0; i < 3; i++)
        {
            var up = WriteRandom($"up{i}.bin", size + i);
            var uploaded = Path.Combine(root, $"uploaded{i}.bin");
            work.Add(async () => { await connection.UploadAsync(up, uploaded, force); return (up, uploaded); });
            var down = WriteRandom($"down{i}.bin", size - i);
            var downloaded = Path.Combine(root, $"downloaded{i}.bin");
            work.Add(async () => { await connection.DownloadAsync(down, downloaded, force); return (down, downloaded); });
        }
        var streamed = WriteRandom("streamed.bin", size);
        work.Add(async () =>
        {
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

    [Fact]
    public async Task A_directory_that_cannot_be_archived_whole_fails_and_extracts_nothing()
    {
        var tree = Directory.CreateDirectory(Path.Combine(root, "with-socket")).FullName;
        await File.WriteAllTextAsync(Path.Combine(tree, "a.txt"), "archived before the socket");
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
        socket.Bind(new System.Net.Sockets.UnixDomainSocketEndPoint(Path.Combine(tree, "z.sock")));   // tar cannot hold a socket
        var destination = Path.Combine(root, "copied");

        await Assert.ThrowsAsync<IOException>(() => connection.UploadAsync(tree, destination)).Within(Bound, "the failing directory upload");

        // A truncated archive was never taken for a whole one: nothing was extracted.
        Assert.False(Directory.Exists(destination));
    }

    private Task UploadTarAsync(Stream tar, string destination) => connection.UploadTarAsync(tar, destination, TransferOptions.Default, CancellationToken.None);

    private string WriteRandom(string name, int size)
    {
        var path = Path.Combine(root, name);
        File.WriteAllBytes(path, RandomNumberGenerator.GetBytes(size));
        return path;
    }

    private string[] TempFiles() => Directory.GetFiles(root, "*.rmote-tmp", SearchOption.AllDirectories);

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    private static long Inode(string path) => Rmote.Tools.FileSystem.Stat(path).Inode;

    /// <summary>The pids of <paramref name="pid"/>'s children.</summary>
    private static int[] Children(int pid) =>
        File.ReadAllText($"/proc/{pid}/task/{pid}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();

    private static string Command(int pid) => File.ReadAllText($"/proc/{pid}/comm").Trim();

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var until = DateTime.UtcNow + Bound;
        while (!condition())
        {
            if (DateTime.UtcNow > until) throw new Xunit.Sdk.XunitException($"{what} did not happen within {Bound.TotalSeconds} s.");
            await Task.Delay(20);
        }
    }
}
