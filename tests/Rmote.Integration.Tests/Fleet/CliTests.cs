using System.Diagnostics;
using System.Text.Json;
using Rmote.Integration.Tests.Support;

namespace Rmote.Integration.Tests.Fleet;

/// <summary>The <c>rmote</c> command line end to end: the built program, real namespaced hosts, a real terminal (tmux).</summary>
[Collection(NetnsCollection.Name)]
public sealed class CliTests(NetnsFixture fixture)
{
    private static readonly string Rmote = Path.Combine(AppContext.BaseDirectory, "Rmote.Host");

    [Fact]
    public async Task In_a_terminal_ping_shows_a_live_table_and_the_summary()
    {
        var screen = await RunInTerminalAsync($"{Rmote} ping -i {fixture.WriteInventory()}");

        Assert.Contains("EXIT=0", screen);
        Assert.Contains("╭", screen);   // Spectre's rounded table
        // Column widths follow the widest cell: an elapsed of 10 s or more widens the elapsed column.
        Assert.Matches(@"│ host\s+│ state\s+│\s+elapsed │ result", screen);
        foreach (var name in new[] { "h0", "h1", "h2", "h3", "h4", "h6", "h7" })
            Assert.Matches($@"│ {name}\s+│ ok\s+│\s+\d+ ms │ pong from root@", screen);
        Assert.Contains("ok=7 changed=0 failed=0 unreachable=0", screen);
    }

    [Fact]
    public async Task In_a_terminal_copy_shows_the_bytes_sent_under_the_table()
    {
        var directory = Directory.CreateTempSubdirectory("rmote-cli-copy-tty-").FullName;
        try
        {
            var source = Path.Combine(directory, "data.bin");
            await File.WriteAllBytesAsync(source, System.Security.Cryptography.RandomNumberGenerator.GetBytes(32 * 1024 * 1024));
            var target = Directory.CreateDirectory(Path.Combine(directory, "target")).FullName + "/";

            var screen = await RunInTerminalAsync($"{Rmote} copy {source} {target} -i {fixture.WriteInventory()} -l h0:h1");

            Assert.Contains("EXIT=0", screen);
            // Both hosts got the 32 MiB: the caption's last word on the bytes sent to all of them.
            Assert.Matches(@"sent 64\.0 MiB of 64\.0 MiB \(100 %\), \d+\.\d MiB/s", screen);
            Assert.Matches(@"│ h0\s+│ changed\s+│\s+\d+ ms │ .*data\.bin \(33554432 bytes\)", screen);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Runs <paramref name="command"/> in a real terminal (a private tmux server, 160 × 40) and returns the screen once it has exited (<c>EXIT=code</c> on it).</summary>
    private static async Task<string> RunInTerminalAsync(string command)
    {
        var server = "rmote-cli-" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()[..4]);
        try
        {
            await RunAsync("tmux", "-L", server, "new-session", "-d", "-x", "160", "-y", "40", $"{command}; echo EXIT=$?; sleep 600");
            var screen = "";
            var clock = Stopwatch.StartNew();
            while (!screen.Contains("EXIT=", StringComparison.Ordinal) && clock.Elapsed < TimeSpan.FromSeconds(120))
            {
                await Task.Delay(200);
                screen = (await RunAsync("tmux", "-L", server, "capture-pane", "-p")).Output;
            }
            return screen;
        }
        finally
        {
            await RunAsync("tmux", "-L", server, "kill-server");
        }
    }

    [Fact]
    public async Task With_json_stdout_is_one_document_and_an_unreachable_host_makes_exit_code_4()
    {
        var h0 = fixture.Hosts.Hosts[0];
        var inventory = fixture.WriteInventory(extra: $"  gone:\n    ssh: {h0.Address}\n    port: 1\n");
        var (code, output, _) = await RunAsync(Rmote, "exec", "-i", inventory, "-l", "even:gone", "--json", "--", "cat", "/proc/sys/kernel/ostype");

        Assert.Equal(4, code);
        using var document = JsonDocument.Parse(output);   // nothing but the document
        var hosts = document.RootElement.GetProperty("hosts").EnumerateArray().ToDictionary(h => h.GetProperty("host").GetString()!);
        Assert.Equal(["h0", "h2", "h4", "h6", "gone"], hosts.Keys);
        foreach (var name in new[] { "h0", "h2", "h4", "h6" })
        {
            Assert.Equal("changed", hosts[name].GetProperty("status").GetString());
            Assert.Equal("Linux\n", hosts[name].GetProperty("result").GetProperty("stdout").GetString());
        }
        Assert.Equal("unreachable", hosts["gone"].GetProperty("status").GetString());
        Assert.Equal("Unreachable", hosts["gone"].GetProperty("error").GetProperty("kind").GetString());
        Assert.Contains("Connection refused", hosts["gone"].GetProperty("error").GetProperty("message").GetString());
        var summary = document.RootElement.GetProperty("summary");
        Assert.Equal((0, 4, 0, 1), (summary.GetProperty("ok").GetInt32(), summary.GetProperty("changed").GetInt32(),
            summary.GetProperty("failed").GetInt32(), summary.GetProperty("unreachable").GetInt32()));
    }

    [Fact]
    public async Task In_a_pipe_each_host_is_one_line_and_a_failing_command_makes_exit_code_2()
    {
        var (code, output, _) = await RunAsync(Rmote, "exec", "-i", fixture.WriteInventory(), "odd", "--forks", "2", "--", "sh", "-c", "echo out; exit 7");

        Assert.Equal(2, code);
        var lines = output.TrimEnd().Split('\n');
        Assert.Equal(4, lines.Length);   // h1, h3, h7, then the summary
        Assert.All(lines[..3], l => Assert.Matches(@"^h[137]\s+failed\s+\d+ ms  exit 7: out$", l));
        Assert.Equal("ok=0 changed=0 failed=3 unreachable=0", lines[3][..lines[3].IndexOf(" (", StringComparison.Ordinal)]);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Copy_streams_a_file_larger_than_256_MiB_to_each_host_and_a_second_copy_changes_nothing()
    {
        var directory = Directory.CreateTempSubdirectory("rmote-cli-copy-").FullName;
        try
        {
            // 257 MiB, more than copy could send before (it read the file into memory and sent it in one call).
            var source = Path.Combine(directory, "big.bin");
            var block = System.Security.Cryptography.RandomNumberGenerator.GetBytes(1024 * 1024);
            await using (var file = File.Create(source))
                for (var i = 0; i < 257; i++) await file.WriteAsync(block);
            File.SetUnixFileMode(source, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var target = Directory.CreateDirectory(Path.Combine(directory, "target")).FullName + "/";
            var inventory = fixture.WriteInventory();

            var (code, output, error) = await RunAsync(Rmote, "copy", source, target, "-i", inventory, "-l", "h0:h1", "--json");

            Assert.True(code == 0, $"exit {code}: {error}");
            using (var document = JsonDocument.Parse(output))
            {
                var hosts = document.RootElement.GetProperty("hosts").EnumerateArray().ToList();
                Assert.Equal(["h0", "h1"], hosts.Select(h => h.GetProperty("host").GetString()));
                Assert.All(hosts, h => Assert.Equal("changed", h.GetProperty("status").GetString()));
                Assert.All(hosts, h => Assert.Equal(257L * 1024 * 1024, h.GetProperty("result").GetProperty("bytes").GetInt64()));
            }
            var copy = Path.Combine(target, "big.bin");   // the hosts share this machine's file system
            await using (var original = File.OpenRead(source))
            await using (var copied = File.OpenRead(copy))
                Assert.Equal(await System.Security.Cryptography.SHA256.HashDataAsync(original), await System.Security.Cryptography.SHA256.HashDataAsync(copied));
            Assert.Equal(File.GetUnixFileMode(source), File.GetUnixFileMode(copy));

            (code, output, error) = await RunAsync(Rmote, "copy", source, target, "-i", inventory, "-l", "h0:h1");
            Assert.True(code == 0, $"exit {code}: {error}");
            Assert.Matches(@"h0\s+ok\s+\d+ ms  .*big\.bin \(269484032 bytes\) unchanged", output);
            Assert.StartsWith("ok=2 changed=0 failed=0", output.TrimEnd().Split('\n')[^1]);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData("ping", "-i", "/nonexistent/hosts.yaml")]
    [InlineData("ping")]
    [InlineData("ping", "-i", "BAD", "-l", "nosuch")]
    public async Task A_usage_error_is_one_line_on_stderr_and_exit_code_1(params string[] args)
    {
        var bad = Path.Combine(fixture.Directory, "bad.yaml");
        await File.WriteAllTextAsync(bad, "hosts:\n  a: { local: true }\n");
        var (code, output, error) = await RunAsync(Rmote, args.Select(a => a == "BAD" ? bad : a).ToArray());
        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.StartsWith("rmote: ", error);
    }

    [Fact]
    public async Task A_bad_inventory_is_reported_with_file_line_and_column()
    {
        var bad = Path.Combine(fixture.Directory, "typo.yaml");
        await File.WriteAllTextAsync(bad, "hosts:\n  a:\n    lcoal: true\n");
        var (code, _, error) = await RunAsync(Rmote, "ping", "-i", bad);
        Assert.Equal(1, code);
        Assert.StartsWith($"rmote: {bad}:3:5: unknown key 'lcoal' in host 'a'", error);
    }

    [Fact]
    public async Task Ctrl_C_cancels_the_command_on_every_host_prints_the_summary_and_exits_130()
    {
        var seconds = Random.Shared.Next(3_000, 9_000).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var start = new ProcessStartInfo(Rmote, ["exec", "-H", "local", "--", "sleep", seconds]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var cli = Process.Start(start)!;
        var output = cli.StandardOutput.ReadToEndAsync();
        var errors = cli.StandardError.ReadToEndAsync();
        var clock = Stopwatch.StartNew();
        while (AgentProcesses.Running("sleep", seconds).Count == 0 && clock.Elapsed < TimeSpan.FromSeconds(60)) await Task.Delay(50);
        var sleeper = Assert.Single(AgentProcesses.Running("sleep", seconds));

        await RunAsync("kill", "-INT", cli.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await cli.WaitForExitAsync().Within(TimeSpan.FromSeconds(60), "rmote after Ctrl+C");

        Assert.True(cli.ExitCode == 130, $"exit {cli.ExitCode}: {await output} {await errors}");
        Assert.Matches(@"local\s+cancelled", await output);
        Assert.Contains("cancelled=1", await output);
        clock.Restart();
        while (!AgentProcesses.IsGone(sleeper) && clock.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(50);
        Assert.True(AgentProcesses.IsGone(sleeper), $"sleep {seconds} (pid {sleeper}) outlived the command");
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException($"{program} {string.Join(' ', args)} did not exit within 3 minutes");
        }
        return (process.ExitCode, await output, await error);
    }
}
