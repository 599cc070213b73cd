using System.Security.Cryptography;
using Rmote.Integration.Tests.Support;

namespace Rmote.Integration.Tests.Transfer;

/// <summary>
/// <c>FleetCallTarget.UploadAsync</c> over three real local agents, each in its own directory (a command host whose
/// shell starts there, so a relative destination is a different file per host): every host gets the file with its
/// mode, a second copy changes nothing, a host whose copy was altered is the only one copied to again, a host that
/// cannot take the file fails alone, and each host's progress is told once per copy.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class FleetUploadTests : IAsyncLifetime
{
    private const string Destination = "copied.bin";
    private readonly string root = Directory.CreateTempSubdirectory("rmote-fleet-upload-").FullName;
    private readonly List<HostProgress> steps = [];
    private readonly InMemoryLoggerProvider logs = new();
    private RmoteFleet fleet = null!;
    private string source = null!;
    private byte[] content = null!;

    public async Task InitializeAsync()
    {
        fleet = CreateFleet(throttle: 32);
        fleet.Progress += (_, step) =>
        {
            lock (steps) steps.Add(step);
        };
        content = RandomNumberGenerator.GetBytes(9 * 1024 * 1024 + 17);   // more than the shared read's 4 MiB window
        source = Path.Combine(root, "source.bin");
        await File.WriteAllBytesAsync(source, content);
    }

    public async Task DisposeAsync()
    {
        await fleet.DisposeAsync();
        Directory.Delete(root, recursive: true);
    }

    private string Copy(string host) => Path.Combine(root, host, Destination);

    // Hosts a, b and c: local agents whose shells start in their own directory under root.
    private RmoteFleet CreateFleet(int throttle) => RmoteFleet.Create(new[] { "a", "b", "c" }.Select(name =>
    {
        var home = Directory.CreateDirectory(Path.Combine(root, name)).FullName;
        return FleetHost.ForCommand(name, ["sh", "-c", $"cd '{home}' && exec sh"]);
    }), new FleetOptions
    {
        ThrottleLimit = throttle,
        CallTimeout = TimeSpan.FromSeconds(60),
        Connection = new RmoteOptions { LoggerFactory = logs.CreateFactory() },
    });

    [Fact]
    public async Task A_large_file_to_connected_hosts_that_lack_it_is_sent_without_waiting_for_its_hash()
    {
        await fleet.CallAsync(() => Rmote.TestTools.Calc.Add(1, 1)).Within(Bounds.Generous, "connecting the hosts");
        // 128 MiB: hashing it here takes far longer than the hosts take to say they have nothing there.
        var large = Path.Combine(root, "large.bin");
        await using (var file = File.Create(large))
            for (var i = 0; i < 32; i++) await file.WriteAsync(RandomNumberGenerator.GetBytes(4 * 1024 * 1024));

        var copy = await fleet.UploadAsync(large, "large.bin").Within(Bounds.Generous, "a fleet copy of a large file");

        Assert.True(copy.AllSucceeded, string.Join("; ", copy.Failed));
        Assert.All(copy, r => Assert.Equal((true, 128L * 1024 * 1024), (r.Value!.Changed, r.Value.Bytes)));
        var sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(File.OpenRead(large)));
        Assert.All(copy, r => Assert.Equal(sha256, r.Value!.Sha256));
    }

    [Fact]
    public async Task Hosts_that_start_one_after_another_each_read_the_file_and_all_get_it()
    {
        await using var oneAtATime = CreateFleet(throttle: 1);

        var copy = await oneAtATime.UploadAsync(source, Destination).Within(Bounds.Generous, "a fleet copy with throttle 1");

        Assert.True(copy.AllSucceeded, string.Join("; ", copy.Failed));
        foreach (var host in new[] { "a", "b", "c" }) Assert.Equal(content, await File.ReadAllBytesAsync(Copy(host)));
        Assert.Contains(logs.Entries, e => e.Message.Contains("the file was read 3 time(s) for 3 hosts", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_host_gets_the_file_and_a_second_copy_changes_nothing()
    {
        var reports = new List<TransferProgress>();
        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
        var progress = new SyncProgress(reports);
        #region snippet:fleet-upload
        var options = new TransferOptions { Mode = mode, Progress = progress };   // progress: bytes sent to all hosts
        var first = await fleet.UploadAsync(source, "copied.bin", options);       // hashed once, read once, sent where it differs
        foreach (var failed in first.Failed) Console.Error.WriteLine($"{failed.Host.Name}: {failed.Failure}: {failed.Error!.Message}");
        #endregion
        Assert.True(first.AllSucceeded, string.Join("; ", first.Failed));
        Assert.Equal(["a", "b", "c"], first.Select(r => r.Host.Name));
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        Assert.All(first, r => Assert.Equal((true, content.LongLength, sha256, Destination), (r.Value!.Changed, r.Value.Bytes, r.Value.Sha256, r.Value.Path)));
        foreach (var host in new[] { "a", "b", "c" })
        {
            Assert.Equal(content, await File.ReadAllBytesAsync(Copy(host)));
            Assert.Equal(mode, File.GetUnixFileMode(Copy(host)));
        }
        Assert.Equal((3 * content.LongLength, 3 * content.LongLength), (reports[^1].Bytes, reports[^1].Total));
        AssertEachHostStartedAndEndedOnce();
        // The three hosts started together: the file was read from disk once for all of them (and hashed once).
        Assert.Contains(logs.Entries, e => e.Category == "Rmote.Fleet" && e.Message.Contains("3 of 3 hosts changed, 0 failed; the file was read 1 time(s) for 3 hosts", StringComparison.Ordinal));

        steps.Clear();
        var again = await fleet.UploadAsync(source, Destination, options).Within(Bounds.Generous, "the second fleet copy");
        Assert.All(again, r => Assert.Equal((false, 0L, sha256), (r.Value!.Changed, r.Value.Bytes, r.Value.Sha256)));
        AssertEachHostStartedAndEndedOnce();
    }

    [Fact]
    public async Task Only_the_host_whose_copy_differs_is_copied_to_and_one_that_cannot_take_it_fails_alone()
    {
        await fleet.UploadAsync(source, Destination).Within(Bounds.Generous, "the first fleet copy");
        await File.WriteAllTextAsync(Copy("b"), "edited by hand");
        File.Delete(Copy("c"));
        Directory.CreateDirectory(Copy("c"));   // a directory where the file should go

        var again = await fleet.UploadAsync(source, Destination).Within(Bounds.Generous, "the second fleet copy");

        Assert.Equal((false, 0L), (again["a"].Value!.Changed, again["a"].Value!.Bytes));
        Assert.Equal((true, content.LongLength), (again["b"].Value!.Changed, again["b"].Value!.Bytes));
        Assert.Equal(content, await File.ReadAllBytesAsync(Copy("b")));
        Assert.False(again["c"].Succeeded);
        Assert.Equal(HostFailureKind.RemoteException, again["c"].Failure);
        Assert.IsType<IOException>(again["c"].Error);
        Assert.Contains("is not a regular file", again["c"].Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_or_unsuitable_source_is_refused_before_any_host_is_touched()
    {
        await Assert.ThrowsAsync<FileNotFoundException>(() => fleet.UploadAsync(Path.Combine(root, "nothing"), Destination));
        var device = await Assert.ThrowsAsync<ArgumentException>(() => fleet.UploadAsync("/dev/zero", Destination));
        Assert.Contains("'/dev/zero' is neither a regular file nor a directory", device.Message, StringComparison.Ordinal);
        Assert.Empty(steps);
        Assert.Equal(0, await fleet.ConnectionsOpenedAsync());
    }

    [Fact]
    public async Task A_directory_is_archived_once_and_extracted_on_every_host()
    {
        var tree = Directory.CreateDirectory(Path.Combine(root, "site")).FullName;
        Directory.CreateDirectory(Path.Combine(tree, "css"));
        await File.WriteAllTextAsync(Path.Combine(tree, "index.html"), "<h1>hi</h1>");
        await File.WriteAllBytesAsync(Path.Combine(tree, "css", "big.bin"), content);

        var copy = await fleet.UploadAsync(tree, "site").Within(Bounds.Generous, "a fleet copy of a directory");

        Assert.True(copy.AllSucceeded, string.Join("; ", copy.Failed));
        foreach (var host in new[] { "a", "b", "c" })
        {
            Assert.Equal("<h1>hi</h1>", await File.ReadAllTextAsync(Path.Combine(root, host, "site", "index.html")));
            Assert.Equal(content, await File.ReadAllBytesAsync(Path.Combine(root, host, "site", "css", "big.bin")));
        }
        Assert.All(copy, r => Assert.True(r.Value!.Changed && r.Value.Bytes > content.Length));
        Assert.Contains(logs.Entries, e => e.Message.Contains("on 3 hosts, 0 failed; it was archived 1 time(s)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_forced_copy_replaces_every_file_without_hashing_first()
    {
        await fleet.UploadAsync(source, Destination).Within(Bounds.Generous, "the first fleet copy");
        var forced = await fleet.Select("a:c").UploadAsync(source, Destination, new TransferOptions { Force = true }).Within(Bounds.Generous, "a forced copy");
        Assert.Equal(["a", "c"], forced.Select(r => r.Host.Name));
        Assert.All(forced, r => Assert.Equal((true, content.LongLength), (r.Value!.Changed, r.Value.Bytes)));
    }

    [Fact]
    public async Task A_host_lost_mid_copy_fails_alone_and_no_longer_holds_the_others_back()
    {
        var pids = await fleet.CallAsync(() => Rmote.TestTools.HostScenarios.ProcessId()).Within(Bounds.Generous, "the agents' pids");
        var killed = 0;
        // At the first report b's agent dies: the shared read must go on without b, whose reader is left behind.
        var options = new TransferOptions
        {
            Progress = new SyncProgress([], p =>
            {
                if (p.Bytes > 0 && Interlocked.Exchange(ref killed, 1) == 0) System.Diagnostics.Process.GetProcessById(pids["b"].Value).Kill();
            }),
        };

        var copy = await fleet.UploadAsync(source, Destination, options).Within(Bounds.Generous, "a fleet copy losing a host");

        Assert.Equal(["a", "c"], copy.Succeeded.Select(r => r.Host.Name));
        Assert.Equal(content, await File.ReadAllBytesAsync(Copy("a")));
        Assert.Equal(content, await File.ReadAllBytesAsync(Copy("c")));
        Assert.Equal(HostFailureKind.Unreachable, copy["b"].Failure);
        Assert.IsType<ConnectionLostException>(copy["b"].Error);
        Assert.False(File.Exists(Copy("b")));
    }

    [Fact]
    public async Task A_copy_that_outlasts_the_timeout_fails_every_host_as_timed_out_and_leaves_no_file()
    {
        await fleet.CallAsync(() => Rmote.TestTools.Calc.Add(1, 1)).Within(Bounds.Generous, "connecting the hosts");
        var held = 0;
        // The first report holds its host's sender for 3 s, and with it (the read is shared) every host, past the 1 s bound.
        var options = new TransferOptions
        {
            Progress = new SyncProgress([], p =>
            {
                if (p.Bytes > 0 && Interlocked.Exchange(ref held, 1) == 0) Thread.Sleep(3000);
            }),
        };

        var copy = await fleet.UploadAsync(source, Destination, options, TimeSpan.FromSeconds(1)).Within(Bounds.Generous, "a fleet copy timing out");

        Assert.All(copy, r => Assert.Equal(HostFailureKind.TimedOut, r.Failure));
        Assert.All(copy, r => Assert.Contains("did not complete within 1000 ms", r.Error!.Message, StringComparison.Ordinal));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (Leftovers().Any() && clock.Elapsed < Bounds.Generous) await Task.Delay(50);
        Assert.Empty(Leftovers());
    }

    [Fact]
    public async Task Cancelling_a_fleet_copy_leaves_no_file_on_any_host()
    {
        using var cancel = new CancellationTokenSource();
        using var release = new ManualResetEventSlim();
        // The first report cancels, then holds its host's sender: the hosts share one read that cannot get more than
        // 4 MiB ahead of it, so none of them can finish the 9 MiB file unless the cancel failed to stop it.
        var options = new TransferOptions
        {
            Progress = new SyncProgress([], p =>
            {
                if (p.Bytes == 0 || cancel.IsCancellationRequested) return;
                cancel.Cancel();
                release.Wait(Bounds.Generous);
            }),
        };
        try
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fleet.UploadAsync(source, Destination, options, cancel.Token))
                .Within(Bounds.Generous, "the cancelled fleet copy");

            // Each agent removes its temp file as its cancelled tool ends.
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (Leftovers().Any() && clock.Elapsed < Bounds.Generous) await Task.Delay(50);
            Assert.Empty(Leftovers());
        }
        finally
        {
            release.Set();
        }
        await Task.Delay(200);
        Assert.Empty(Leftovers());
    }

    private IEnumerable<string> Leftovers() =>
        new[] { "a", "b", "c" }.SelectMany(h => Directory.EnumerateFileSystemEntries(Path.Combine(root, h)));

    private void AssertEachHostStartedAndEndedOnce()
    {
        lock (steps)
        {
            foreach (var host in new[] { "a", "b", "c" })
            {
                var mine = steps.Where(s => s.Host.Name == host).ToList();
                Assert.Equal([HostProgressState.Started, HostProgressState.Succeeded], mine.Select(s => s.State));
                Assert.IsType<HostResult<TransferResult>>(mine[1].Result);
            }
        }
    }
}
