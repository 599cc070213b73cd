using System.Runtime.Versioning;
using System.Diagnostics;
using Rmote.Bootstrap;
using Rmote.Transports;
using static Rmote.Integration.Tests.Ssh.AgentTestSupport;

namespace Rmote.Integration.Tests.Ssh;

/// <summary>
/// The command transport (any argv that gives a POSIX shell) and the bootstrap's failure paths, with real local
/// shells. In the sshd collection for its throwaway user.
/// </summary>
[SupportedOSPlatform("linux")]
[Collection(SshCollection.Name)]
public sealed class CommandTransportTests(SshdFixture sshd)
{
    private RmoteOptions Options(string? cache = null, AgentBundle? bundle = null, TimeSpan? timeout = null,
        string dotnet = "dotnet") => new()
    {
        ConnectTimeout = timeout ?? ConnectTimeout,
        AgentCacheDirectory = cache ?? sshd.NewCacheDirectory(),
        AgentBundle = bundle,
        Dotnet = dotnet,
    };

    private static async Task<bool> StartAsync(IReadOnlyList<string> command, RmoteOptions options,
        CancellationToken cancellationToken = default)
    {
        await using var link = await AgentTransports.StartCommandAsync(command, options, cancellationToken);
        await ReachesProtocolReadyAsync(link);
        return link.Uploaded;
    }

    [Fact]
    public async Task A_local_sh_bootstraps_the_agent_and_then_uses_the_cache()
    {
        var cache = sshd.NewCacheDirectory();

        Assert.True(await StartAsync(["sh"], Options(cache)));
        Assert.False(await StartAsync(["sh"], Options(cache)));
    }

    [Fact]
    public async Task A_bootstrapped_agent_runs_with_the_runtime_settings_of_a_local_one()
    {
        // The small gen0 budget keeps an agent near its idle size after 10 000 calls: ssh and command agents too.
        await using var connection = await RmoteConnection.StartCommandAsync(["sh"], Options());
        Assert.NotEmpty(AgentTransports.AgentEnvironment);
        foreach (var (name, value) in AgentTransports.AgentEnvironment)
        {
            var printed = await connection.CallAsync(() => Rmote.Tools.Exec.Command(new[] { "printenv", name }, false, null, null, null, true));
            Assert.Equal(value, printed.Stdout?.Trim());
        }
    }

    [Fact]
    public async Task Runuser_as_a_throwaway_user_bootstraps_into_that_users_cache()
    {
        // Uploaded or not depends on whether the SSH test for this user ran first; the handshake line is what counts.
        await StartAsync(["runuser", "-u", sshd.NoisyUser, "--", "sh"], Options() with { AgentCacheDirectory = null });
        Assert.True(Directory.Exists(Path.Combine(sshd.NoisyUserHome, ".cache/rmote/agent", AgentBundle.Default.Sha256)));
    }

    [Fact]
    public async Task The_agent_is_execd_from_the_cache_with_the_shells_umask_and_stdin()
    {
        // A stand-in dotnet that reports how it was started, then echoes one line of stdin.
        var cache = sshd.NewCacheDirectory();
        var dotnet = FakeDotnet("""
            [ "$1" = --list-runtimes ] && { echo 'Microsoft.NETCore.App 10.0.1 [/x]'; exit 0; }
            echo "umask $(umask) args $*"; read -r line; echo "got $line"
            """);

        await using var link = await AgentTransports.StartCommandAsync(["sh", "-c", "umask 027; exec sh"],
            Options(cache, dotnet: dotnet), default);

        Assert.Equal($"umask 0027 args {cache}/{AgentBundle.Default.Sha256}/Rmote.Agent.dll", await link.Output.ReadLineAsync(default));
        await link.Input.WriteAsync("PROTOCOL READY\n"u8.ToArray());
        await link.Input.FlushAsync();
        Assert.Equal("got PROTOCOL READY", await link.Output.ReadLineAsync(default));
    }

    [Fact]
    public async Task A_runtime_older_than_10_is_a_clear_error()
    {
        var fakeDotnet = FakeDotnet("echo 'Microsoft.NETCore.App 8.0.11 [/usr/share/dotnet/shared/Microsoft.NETCore.App]'");

        var error = await Assert.ThrowsAsync<RmoteConnectException>(() => StartAsync(["sh"], Options(dotnet: fakeDotnet)));

        Assert.Equal(ConnectFailureReason.DotnetTooOld, error.Reason);
        Assert.Contains("runtime 10 or later", error.Message);
        Assert.Contains("8.0.11", error.Message);
    }

    [Fact]
    public async Task An_upload_damaged_on_the_way_is_rejected_and_nothing_is_cached()
    {
        var cache = sshd.NewCacheDirectory();
        // A "transport" that alters one byte value on the way in (the script itself never contains it).
        string[] damaging = ["sh", "-c", "stdbuf -i0 -o0 tr '\\001' '\\002' | sh"];

        var error = await Assert.ThrowsAsync<RmoteConnectException>(() => StartAsync(damaging, Options(cache)));

        Assert.Equal(ConnectFailureReason.ChecksumMismatch, error.Reason);
        Assert.Empty(CacheEntries(cache));
    }

    [Fact]
    public async Task An_agent_that_dies_before_the_handshake_reports_its_stderr()
    {
        var broken = BundleVariant(sshd.Directory, dir => File.WriteAllText(Path.Combine(dir, AgentBundle.EntryAssembly), "not an assembly"));

        await using var link = await AgentTransports.StartCommandAsync(["sh"], Options(bundle: broken), default);
        var error = await Assert.ThrowsAsync<RmoteConnectException>(() => ReachesProtocolReadyAsync(link));

        Assert.Equal(ConnectFailureReason.AgentExitedEarly, error.Reason);
        Assert.Contains("before the protocol handshake", error.Message);
        Assert.NotNull(error.StandardError);
    }

    [Fact]
    public async Task A_command_that_exits_at_once_fails_with_its_exit_code()
    {
        var error = await Assert.ThrowsAsync<RmoteConnectException>(() =>
            StartAsync(["sh", "-c", "echo 'no shell for you' >&2; exit 3"], Options()));

        Assert.Equal(ConnectFailureReason.TransportFailed, error.Reason);
        Assert.Contains("exited with code 3", error.Message);
        Assert.Contains("no shell for you", error.Message);
    }

    [Fact]
    public async Task A_program_that_does_not_exist_fails_clearly()
    {
        var error = await Assert.ThrowsAsync<RmoteConnectException>(() => StartAsync(["/nonexistent/rmote-shell"], Options()));

        Assert.Equal(ConnectFailureReason.TransportFailed, error.Reason);
        Assert.Contains("could not start '/nonexistent/rmote-shell'", error.Message);
    }

    [Fact]
    public async Task A_command_that_never_answers_times_out_and_is_killed()
    {
        var marker = Guid.NewGuid().ToString("N");
        var timeout = TimeSpan.FromSeconds(2);
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<RmoteConnectException>(() =>
            StartAsync(["sh", "-c", $"sleep 600; : {marker}"], Options(timeout: timeout)));

        Assert.Equal(ConnectFailureReason.Timeout, error.Reason);
        Assert.Contains("connect timeout of 2 s", error.Message);
        Assert.True(clock.Elapsed < timeout * 5, $"took {clock.Elapsed}");
        Assert.DoesNotContain(RunningCommandLines(), line => line.Contains(marker));
    }

    [Fact]
    public async Task Cancelling_the_connect_throws_OperationCanceledException()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => StartAsync(["sleep", "600"], Options(), cancel.Token));
    }

    private string FakeDotnet(string body)
    {
        var path = Path.Combine(sshd.Directory, "fake-dotnet-" + Guid.NewGuid().ToString("N")[..8]);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        return path;
    }

    private static IEnumerable<string> RunningCommandLines() => Support.AgentProcesses.CommandLines();
}
