using System.Globalization;
using System.Linq.Expressions;
using System.Text;
using Rmote.Tools.Tests.Infrastructure;

namespace Rmote.Tools.Tests;

/// <summary>
/// <c>FileSystem.TailAsync</c> through a real local agent on real files: the last lines of a huge file without reading
/// it, lines appended later, a partial line held, truncation, rotation, a file that appears later, the errors, and the
/// file being closed on the agent when the host leaves the loop. Nothing waits for the tool's poll: each step waits
/// for the item it expects, with a generous bound.
/// </summary>
public sealed class TailTests(LocalAgent agent) : IClassFixture<LocalAgent>, IDisposable
{
    private readonly TempDirectory temp = new();
    private int? agentPid;

    private RmoteConnection Connection => agent.Connection;

    // The agent is the parent of the shells it runs.
    private async Task<int> AgentPidAsync() =>
        agentPid ??= int.Parse((await Connection.CallAsync(() => Exec.Shell("echo $PPID"))).Stdout!, CultureInfo.InvariantCulture);

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task The_last_lines_of_a_2_GiB_file_come_without_reading_the_file()
    {
        var path = temp["huge.log"];
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        {
            file.SetLength(2L << 30);   // sparse: 2 GiB of zeros that take no disk
            file.Seek(0, SeekOrigin.End);
            await file.WriteAsync(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(1, 20).Select(i => $"line {i}\n"))));
        }

        var pid = await AgentPidAsync();
        var readBefore = ReadBytes(pid);
        var lines = await Collect(() => FileSystem.TailAsync(path, 5, false, default));
        var read = ReadBytes(pid) - readBefore;

        Assert.Equal(["line 16", "line 17", "line 18", "line 19", "line 20"], lines);
        Assert.True(read < 16 << 20, $"the agent read {read} bytes of a 2 GiB file to find 5 lines");
    }

    [Fact]
    public async Task Appended_lines_arrive_and_a_partial_line_is_held_until_its_newline()
    {
        var path = temp.Write("app.log", "one\ntwo\nthree\n");
        await using var tail = Open(path, lines: 2);
        Assert.Equal(["two", "three"], await tail.TakeAsync(2));

        // "four" and the start of the next line in one write: once "four" arrives the agent has read "fi" too.
        await File.AppendAllTextAsync(path, "four\nfi");
        Assert.Equal("four", await tail.NextAsync());
        await File.AppendAllTextAsync(path, "ve\nsix\n");
        Assert.Equal(["five", "six"], await tail.TakeAsync(2));
    }

    [Fact]
    public async Task A_truncated_file_is_read_again_from_its_start()
    {
        var path = temp.Write("app.log", "before one\nbefore two\n");
        await using var tail = Open(path);
        Assert.Equal(["before one", "before two"], await tail.TakeAsync(2));

        await File.WriteAllTextAsync(path, "after\n");   // shorter than what was read: truncated in place
        Assert.Equal("after", await tail.NextAsync());
        await File.AppendAllTextAsync(path, "and on\n");
        Assert.Equal("and on", await tail.NextAsync());
    }

    [Fact]
    public async Task A_rotated_file_is_read_to_its_end_then_the_new_file_from_its_start()
    {
        var path = temp.Write("app.log", "old 1\n");
        await using var tail = Open(path);
        Assert.Equal("old 1", await tail.NextAsync());

        // What logrotate does: the writer's last lines, then rename, then a new file under the old name.
        await File.AppendAllTextAsync(path, "old 2\nold partial");
        File.Move(path, temp["app.log.1"]);
        await File.WriteAllTextAsync(path, "new 1\nnew 2\n");

        Assert.Equal(["old 2", "old partial", "new 1", "new 2"], await tail.TakeAsync(4));
        await File.AppendAllTextAsync(path, "new 3\n");
        Assert.Equal("new 3", await tail.NextAsync());
    }

    [Fact]
    public async Task Following_a_missing_file_waits_for_it_and_reads_it_from_its_start()
    {
        var path = temp["not-yet/app.log"];   // not even its directory exists
        await using var tail = Open(path, lines: 1);
        var first = tail.NextAsync();
        await Task.Delay(500);   // lets the tail start before the file exists (it reads the same lines if not)
        Directory.CreateDirectory(temp["not-yet"]);
        await File.WriteAllTextAsync(path, "hello\n");
        Assert.Equal("hello", await first);
        await File.AppendAllTextAsync(path, "world\n");
        Assert.Equal("world", await tail.NextAsync());
    }

    [Fact]
    public async Task Without_follow_a_missing_file_is_FileNotFoundException_and_the_tail_ends_with_the_partial_last_line()
    {
        var missing = temp["missing.log"];
        var failure = await Assert.ThrowsAsync<FileNotFoundException>(() => Collect(() => FileSystem.TailAsync(missing, 10, false, default)));
        Assert.Equal(missing, failure.FileName);

        var path = temp.Write("app.log", "a\r\nb\nc");
        Assert.Equal(["a", "b", "c"], await Collect(() => FileSystem.TailAsync(path, 10, false, default)));
        Assert.Equal(["b", "c"], await Collect(() => FileSystem.TailAsync(path, 2, false, default)));
        Assert.Empty(await Collect(() => FileSystem.TailAsync(path, 0, false, default)));   // 0: from the end
        Assert.Empty(await Collect(() => FileSystem.TailAsync(temp.Write("empty.log", ""), 10, false, default)));
    }

    [Fact]
    public async Task Long_lines_come_in_pieces_of_at_most_1_MiB_cut_between_characters_and_bad_UTF8_is_replaced()
    {
        var euros = new string('€', 1_000_000);   // 3 bytes each: 1 MiB ends inside a character
        var path = temp["long.log"];
        await File.WriteAllBytesAsync(path, [.. Encoding.UTF8.GetBytes(euros + "\n"), .. "ok "u8, 0xFF, 0xC3, (byte)'\n']);

        var lines = await Collect(() => FileSystem.TailAsync(path, 10, false, default));

        Assert.Equal(euros, string.Concat(lines[..^1]));
        Assert.All(lines[..^1], piece => Assert.InRange(Encoding.UTF8.GetByteCount(piece), 1, 1 << 20));
        Assert.Equal(4, lines.Count);   // 3 000 000 bytes: 1 MiB, 1 MiB, the rest; then the last line
        Assert.Equal("ok \uFFFD\uFFFD", lines[^1]);
    }

    [Fact]
    public async Task A_directory_is_refused_with_IOException()
    {
        var failure = await Assert.ThrowsAsync<IOException>(() => Collect(() => FileSystem.TailAsync(temp.Path, 10, true, default)));
        Assert.Contains("not a regular file", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leaving_the_loop_stops_the_tail_and_closes_the_file_on_the_agent()
    {
        var path = temp.Write("app.log", "line\n");
        var pid = await AgentPidAsync();
        await using (var tail = Open(path))
        {
            Assert.Equal("line", await tail.NextAsync());
            Assert.True(HasOpen(pid, path), "the agent holds the file while it tails it");
        }   // disposing the enumerator is what `break` does

        Assert.True(await Eventually.HoldsAsync(() => !HasOpen(pid, path)), "the agent still has the file open after the host left the loop");
        Assert.True(await Connection.CallAsync(() => FileSystem.Exists(path)));   // and the connection goes on
    }

    private StreamProbe<string> Open(string path, int lines = 10) => new(Connection.StreamAsync(() => FileSystem.TailAsync(path, lines, true, default)));

    private async Task<List<string>> Collect(Expression<Func<IAsyncEnumerable<string>>> call)
    {
        await using var stream = new StreamProbe<string>(Connection.StreamAsync(call));
        return await stream.RestAsync();
    }

    // rchar of /proc/PID/io: every byte the agent read, from files and from its pipe alike.
    private static long ReadBytes(int pid) =>
        long.Parse(File.ReadLines($"/proc/{pid}/io").First(l => l.StartsWith("rchar:", StringComparison.Ordinal))[6..], CultureInfo.InvariantCulture);

    private static bool HasOpen(int pid, string path) =>
        new DirectoryInfo($"/proc/{pid}/fd").EnumerateFileSystemInfos().Any(fd => fd.LinkTarget == path);
}
