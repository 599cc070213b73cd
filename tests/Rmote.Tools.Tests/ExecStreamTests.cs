using System.Globalization;
using System.Linq.Expressions;
using Rmote.Tools.Tests.Infrastructure;

namespace Rmote.Tools.Tests;

/// <summary>
/// <c>Exec.StreamAsync</c> and <c>Exec.ShellStreamAsync</c> through a real local agent running real programs: lines of
/// both streams as they come, the failure after the lines, the exit code without <c>check</c>, a cancelled stream
/// killing the program and its children, a paused consumer pausing the program, and the start-up errors of
/// <c>Exec.Command</c>. Where an order between stdout and stderr is asserted, the program itself waits for the test
/// to have seen the previous line (two pipes have no order of their own).
/// </summary>
public sealed class ExecStreamTests(LocalAgent agent) : IClassFixture<LocalAgent>, IDisposable
{
    private readonly TempDirectory temp = new();

    private RmoteConnection Connection => agent.Connection;

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Lines_of_stdout_and_stderr_arrive_as_they_are_written()
    {
        var seen = temp["seen"];
        // Each line after the first waits until the test has received the one before: the order is the program's.
        var script = $"""
            echo out 1
            until [ -e {seen}.1 ]; do sleep 0.05; done
            echo err 2 >&2
            until [ -e {seen}.2 ]; do sleep 0.05; done
            echo out 3
            """;
        await using var output = new StreamProbe<OutputLine>(Connection.StreamAsync(() => Exec.ShellStreamAsync(script, true, null, null, null, default)));

        Assert.Equal(new OutputLine(false, "out 1"), await output.NextAsync());
        await File.WriteAllTextAsync(seen + ".1", "");
        Assert.Equal(new OutputLine(true, "err 2"), await output.NextAsync());
        await File.WriteAllTextAsync(seen + ".2", "");
        Assert.Equal(new OutputLine(false, "out 3"), await output.NextAsync());
        Assert.Empty(await output.RestAsync());
    }

    [Fact]
    public async Task A_program_runs_without_a_shell_with_its_environment_directory_and_input()
    {
        var env = new Dictionary<string, string> { ["GREETING"] = "hello" };
        var lines = await Collect(() => Exec.StreamAsync(
            new[] { "sh", "-c", "echo \"$GREETING from $(pwd)\"; cat; printf 'no newline'" }, true, env, temp.Path, "a\r\nb\n", default));

        Assert.Equal([$"hello from {temp.Path}", "a", "b", "no newline"], lines.Select(l => l.Text));
        Assert.All(lines, line => Assert.False(line.IsError));
    }

    [Fact]
    public async Task A_failing_program_throws_RemoteProcessException_after_its_lines_with_its_last_stderr_lines()
    {
        var lines = new List<OutputLine>();
        var failure = await Assert.ThrowsAsync<RemoteProcessException>(async () =>
        {
            await foreach (var line in Connection.StreamAsync(() => Exec.ShellStreamAsync("echo one; echo two; echo bad >&2; echo worse >&2; exit 3", true, null, null, null, default)))
                lines.Add(line);
        });

        Assert.Equal(["one", "two"], lines.Where(l => !l.IsError).Select(l => l.Text));
        Assert.Equal(["bad", "worse"], lines.Where(l => l.IsError).Select(l => l.Text));
        Assert.Equal((3, "bad\nworse\n"), (failure.ExitCode, failure.StandardError));
        Assert.Equal("Command 'echo one; echo two; echo bad >&2; echo worse >&2; exit 3' exited with code 3: bad\nworse", failure.Message);
    }

    [Fact]
    public async Task Without_check_the_last_item_is_the_exit_code()
    {
        var lines = await Collect(() => Exec.ShellStreamAsync("echo done; exit 5", false, null, null, null, default));

        Assert.Equal([new OutputLine(false, "done"), new OutputLine(false, "", 5)], lines);
        Assert.Equal(new OutputLine(false, "", 0), (await Collect(() => Exec.StreamAsync(new[] { "true" }, false, null, null, null, default))).Single());
    }

    [Fact]
    public async Task Leaving_the_loop_kills_the_program_and_its_children()
    {
        int shell, child;
        await using (var output = new StreamProbe<OutputLine>(Connection.StreamAsync(() => Exec.ShellStreamAsync("sleep 1000 & echo $!; echo $$; wait", true, null, null, null, default))))
        {
            child = int.Parse((await output.NextAsync()).Text, CultureInfo.InvariantCulture);
            shell = int.Parse((await output.NextAsync()).Text, CultureInfo.InvariantCulture);
            Assert.True(IsRunning(shell) && IsRunning(child), "the shell and its child run while the stream is read");
        }   // what `break` does

        Assert.True(await Eventually.HoldsAsync(() => !IsRunning(shell) && !IsRunning(child)), "the program or its child outlived the stream");
        Assert.Equal("still fine", (await Collect(() => Exec.StreamAsync(new[] { "echo", "still fine" }, true, null, null, null, default))).Single().Text);
    }

    [Fact]
    public async Task A_paused_consumer_pauses_the_program_and_the_agent_does_not_grow()
    {
        var pid = int.Parse((await Connection.CallAsync(() => Exec.Shell("echo $PPID"))).Stdout!, CultureInfo.InvariantCulture);   // the agent
        var idle = ResidentMib(pid);
        int yes;
        await using (var output = new StreamProbe<OutputLine>(Connection.StreamAsync(() => Exec.ShellStreamAsync("echo $$; exec yes 'a line of output'", true, null, null, null, default))))
        {
            yes = int.Parse((await output.NextAsync()).Text, CultureInfo.InvariantCulture);   // exec: the shell's pid becomes yes's
            Assert.Equal("a line of output", (await output.NextAsync()).Text);

            // yes writes ~1 GiB/s when read; give it every chance to run ahead while nobody reads.
            await Task.Delay(TimeSpan.FromSeconds(2));
            var grown = ResidentMib(pid) - idle;
            Assert.True(grown < 64, $"the agent grew by {grown} MiB while its consumer paused");
            Assert.Equal("a line of output", (await output.NextAsync()).Text);   // and it goes on
        }

        Assert.True(await Eventually.HoldsAsync(() => !IsRunning(yes)), "yes outlived the stream");
    }

    [Fact]
    public async Task Long_lines_come_in_pieces_of_at_most_1_MiB()
    {
        var lines = await Collect(() => Exec.ShellStreamAsync("head -c 3000000 /dev/zero | tr '\\0' x; echo; echo end", true, null, null, null, default));

        Assert.Equal([1 << 20, 1 << 20, 3_000_000 - (2 << 20), 3], lines.Select(l => l.Text.Length));
        Assert.Equal("end", lines[^1].Text);
    }

    [Fact]
    public async Task A_program_that_cannot_start_fails_as_Exec_Command_does()
    {
        var missing = await Assert.ThrowsAsync<FileNotFoundException>(() => Collect(() => Exec.StreamAsync(new[] { "rmote-no-such-program" }, true, null, null, null, default)));
        var directory = await Assert.ThrowsAsync<DirectoryNotFoundException>(() => Collect(() => Exec.StreamAsync(new[] { "true" }, true, null, "/nonexistent/dir", null, default)));

        Assert.Equal("rmote-no-such-program", missing.FileName);
        Assert.Equal("Cannot run 'rmote-no-such-program': the program 'rmote-no-such-program' was not found on PATH.", missing.Message);
        Assert.Contains("'/nonexistent/dir' does not exist", directory.Message, StringComparison.Ordinal);
    }

    private async Task<List<OutputLine>> Collect(Expression<Func<IAsyncEnumerable<OutputLine>>> call)
    {
        await using var stream = new StreamProbe<OutputLine>(Connection.StreamAsync(call));
        return await stream.RestAsync();
    }

    // Gone, or a zombie nobody reaped yet (a container's PID 1 may never reap): either way it runs no more.
    private static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)] != 'Z';
        }
        catch (Exception gone) when (gone is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return false;
        }
    }

    private static long ResidentMib(int pid) =>
        long.Parse(File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024;
}
