using System.Diagnostics;
using Rmote.Integration.Tests.Support;
using Rmote.Tools;

namespace Rmote.Integration.Tests.Streaming;

/// <summary>
/// The built-in streaming tools end to end over a real local agent, as docs/streaming.md shows them: a tail that
/// stops at the line it waited for (the agent closes the file), a build whose lines are printed as they come and
/// whose failure arrives after them, a missing file's type, and a cancelled command's process gone. The tools'
/// edge cases (rotation, truncation, long lines …) are tested in Rmote.Tools.Tests.
/// </summary>
public sealed class BuiltInStreamingTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Bound = Bounds.Generous;
    private readonly string directory = Directory.CreateTempSubdirectory("rmote-builtin-stream-").FullName;
    private RmoteConnection connection = null!;

    public async Task InitializeAsync() => connection = await RmoteConnection.StartLocalAsync().Within(Bound, "StartLocalAsync");

    public async Task DisposeAsync() => await connection.DisposeAsync().AsTask().Within(Bound, "DisposeAsync");

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task A_remote_tail_stops_at_the_line_it_waited_for_and_the_agent_closes_the_file()
    {
        var path = Path.Combine(directory, "app.log");
        await File.WriteAllTextAsync(path, string.Concat(Enumerable.Range(1, 100).Select(i => $"request {i}\n")));
        var seen = new List<string>();
        using var cancel = new CancellationTokenSource(Bound);
        var pid = connection.ProcessId ?? throw new InvalidOperationException("a local connection has a pid");

        #region snippet:stream-builtin-tail
        await foreach (var line in connection.StreamAsync(() => FileSystem.TailAsync(path, 3, true, default), cancel.Token))
        {
            seen.Add(line);
            if (line == "request 100") await File.AppendAllTextAsync(path, "ERROR disk full\n");   // the log goes on
            if (line.StartsWith("ERROR", StringComparison.Ordinal)) break;   // stops the tail on the agent
        }
        #endregion

        Assert.Equal(["request 98", "request 99", "request 100", "ERROR disk full"], seen);
        Assert.True(await EventuallyAsync(() => !HasOpen(pid, path)), "the agent kept the file open after the host left the loop");
    }

    [Fact]
    public async Task A_command_streams_its_lines_and_its_failure_arrives_after_them()
    {
        var output = new List<string>();

        #region snippet:stream-builtin-exec
        try
        {
            await foreach (var line in connection.StreamAsync(() => Exec.ShellStreamAsync("echo compiling; echo 'error: no space' >&2; exit 2", true, null, null, null, default)))
            {
                output.Add(line.IsError ? $"stderr: {line.Text}" : line.Text);
            }
        }
        catch (RemoteProcessException failure)
        {
            output.Add($"exit {failure.ExitCode}: {failure.StandardError}");   // the last stderr lines
        }
        #endregion

        Assert.Equal(3, output.Count);
        Assert.Equal(["compiling", "stderr: error: no space"], output[..2].Order());
        Assert.Equal("exit 2: error: no space\n", output[2]);
    }

    [Fact]
    public async Task A_missing_file_without_follow_arrives_as_FileNotFoundException()
    {
        var missing = Path.Combine(directory, "missing.log");
        var failure = await Assert.ThrowsAsync<FileNotFoundException>(async () =>
        {
            await foreach (var _ in connection.StreamAsync(() => FileSystem.TailAsync(missing, 10, false, default))) { }
        }).Within(Bound, "the tail of a missing file");
        Assert.Equal(missing, failure.FileName);
    }

    [Fact]
    public async Task Cancelling_a_streamed_command_kills_it()
    {
        using var cancel = new CancellationTokenSource();
        var pid = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var line in connection.StreamAsync(() => Exec.ShellStreamAsync("echo $$; exec sleep 1000", true, null, null, null, default), cancel.Token))
            {
                pid = int.Parse(line.Text, System.Globalization.CultureInfo.InvariantCulture);
                await cancel.CancelAsync();
            }
        }).Within(Bound, "the cancelled stream");

        Assert.True(await EventuallyAsync(() => !IsRunning(pid)), $"sleep ({pid}) outlived its cancelled stream");
        Assert.Equal(3, await connection.CallAsync(() => Rmote.TestTools.Calc.Add(1, 2)));   // the connection goes on
    }

    private static bool HasOpen(int pid, string path) =>
        new DirectoryInfo($"/proc/{pid}/fd").EnumerateFileSystemInfos().Any(fd => fd.LinkTarget == path);

    // Gone, or a zombie nobody reaped yet.
    private static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static async Task<bool> EventuallyAsync(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > Bound) return false;
            await Task.Delay(50);
        }
        return true;
    }
}
