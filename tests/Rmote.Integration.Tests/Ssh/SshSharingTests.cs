using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using Rmote.Integration.Tests.Support;
using Rmote.TestTools;
using Rmote.Transports.OpenSsh;
using static Rmote.Integration.Tests.Ssh.AgentTestSupport;

namespace Rmote.Integration.Tests.Ssh;

/// <summary>OpenSSH connection sharing (ControlMaster) against the loopback sshd: fan-out, dead and foreign masters.</summary>
[SupportedOSPlatform("linux")]
[Collection(SshCollection.Name)]
public sealed partial class SshSharingTests(SshdFixture sshd)
{
    private readonly string cache = sshd.NewCacheDirectory();

    // A distinct (harmless) option gives each test its own control sockets: no test rides another's master.
    private readonly SshOptions ssh = sshd.Options() with { Implementation = SshImplementation.OpenSsh };

    private SshOptions Ssh => ssh with { Options = [.. ssh.Options, "ServerAliveCountMax=" + Random.Shared.Next(100, 100_000)] };

    private RmoteOptions Options(TimeSpan? heartbeat = null) => new()
    {
        AgentCacheDirectory = cache,
        ConnectTimeout = ConnectTimeout,
        HeartbeatInterval = heartbeat ?? TimeSpan.FromSeconds(5),
    };

    private static string SocketPath(SshOptions ssh, int slot = 0) =>
        ControlMasters.PathFor(ControlDirectory.DefaultPath(), ControlMasters.KeyFor("127.0.0.1", ssh), slot);

    [Fact]
    public async Task Twenty_connections_with_one_call_each_all_succeed_over_two_handshakes()
    {
        var options = Ssh;
        var before = Logins();
        var connections = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            var connection = await RmoteConnection.ConnectSshAsync("127.0.0.1", options, Options());
            Assert.Equal(i + 1, await connection.CallAsync(() => HostScenarios.Sum(new[] { i, 1 })));
            return connection;
        })).Within(Bounds.Generous * 2, "20 connections");
        try
        {
            // 10 sessions per master (sshd's MaxSessions): 20 connections are 2 TCP connections and key exchanges.
            Assert.Equal(2, Logins() - before);
            Assert.True(File.Exists(SocketPath(options, 0)) && File.Exists(SocketPath(options, 1)));
        }
        finally
        {
            await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask())).Within(Bounds.Generous, "disposing");
        }
    }

    [Fact]
    public async Task The_control_socket_lives_in_a_private_directory_and_sharing_can_be_turned_off()
    {
        var shared = Ssh;
        await using (var connection = await RmoteConnection.ConnectSshAsync("127.0.0.1", shared, Options()))
            Assert.Equal(3, await connection.CallAsync(() => HostScenarios.Sum(new[] { 1, 2 })));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute,
            File.GetUnixFileMode(ControlDirectory.DefaultPath()));
        Assert.True(File.Exists(SocketPath(shared)));

        var direct = Ssh with { ConnectionSharing = false };
        var before = Logins();
        for (var i = 0; i < 2; i++)
        {
            await using var connection = await RmoteConnection.ConnectSshAsync("127.0.0.1", direct, Options());
            await connection.CallAsync(() => HostScenarios.Sum(new[] { 1 }));
        }
        Assert.Equal(2, Logins() - before);
        Assert.False(File.Exists(SocketPath(direct)));
    }

    [Fact]
    public async Task Killing_the_master_fails_its_calls_within_the_heartbeat_bound_and_the_next_connect_makes_a_new_one()
    {
        var options = Ssh;
        var heartbeat = TimeSpan.FromMilliseconds(500);
        var connection = await RmoteConnection.ConnectSshAsync("127.0.0.1", options, Options(heartbeat) with { Reconnect = ReconnectPolicy.Disabled });
        await using var _ = connection;
        var gate = Guid.NewGuid().ToString("N");
        var blocked = connection.CallAsync(() => HostScenarios.Block(gate));
        Assert.True(await connection.CallAsync(() => HostScenarios.WaitForBlockedAsync(gate, 1, 20_000)));

        var master = await MasterProcessAsync(SocketPath(options));
        var clock = Stopwatch.StartNew();
        master.Kill();
        var outcome = await Bounds.Outcome(blocked, clock).Within(Bounds.Generous, "the blocked call");

        Assert.IsType<ConnectionLostException>(outcome.Failure);
        Assert.True(outcome.At < heartbeat * 3 + TimeSpan.FromSeconds(5), $"failed after {outcome.At}");
        // The dead master's socket is stale: the next connection removes it and becomes the new master.
        await using var next = await RmoteConnection.ConnectSshAsync("127.0.0.1", options, Options()).Within(Bounds.Generous, "reconnect");
        Assert.Equal(2, await next.CallAsync(() => HostScenarios.Sum(new[] { 2 })));
        Assert.NotEqual(master.Id, (await MasterProcessAsync(SocketPath(options))).Id);
    }

    [Fact]
    public async Task A_stale_control_socket_is_replaced()
    {
        var options = Ssh;
        var path = SocketPath(options);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var dead = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
            dead.Bind(new UnixDomainSocketEndPoint(path)); // bound, never listening, closed: what a killed master leaves

        await using var connection = await RmoteConnection.ConnectSshAsync("127.0.0.1", options, Options()).Within(Bounds.Generous, "connect");
        Assert.Equal(1, await connection.CallAsync(() => HostScenarios.Sum(new[] { 1 })));
        Assert.True((await MasterProcessAsync(path)).Id > 0);
    }

    [Theory]
    [InlineData("foreign")]
    [InlineData("silent")]
    public async Task A_foreign_or_silent_control_socket_is_left_alone_and_the_connection_goes_around_it(string kind)
    {
        var options = Ssh;
        var path = SocketPath(options);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var planted = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        planted.Bind(new UnixDomainSocketEndPoint(path));
        planted.Listen(); // accepts (in the kernel) but never answers: ssh itself would wait for ever
        if (kind == "foreign") await RunAsync("chown", "65534:65534", path);
        var clock = Stopwatch.StartNew();

        await using var connection = await RmoteConnection.ConnectSshAsync("127.0.0.1", options, Options()).Within(Bounds.Generous, "connect");

        Assert.Equal(5, await connection.CallAsync(() => HostScenarios.Sum(new[] { 5 })));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        Assert.Equal(UnixFiles.Kind.Socket, UnixFiles.Stat(path).Kind); // not ours to remove
        File.Delete(path);
    }

    private int Logins() => AcceptedLine().Matches(sshd.SshdLog).Count;

    [GeneratedRegex("^Accepted publickey for root", RegexOptions.Multiline)]
    private static partial Regex AcceptedLine();

    // The master renames itself "ssh: <control path> [mux]" once it runs in the background — just after its socket
    // already serves the first connection, so it is looked for a little while.
    private static async Task<Process> MasterProcessAsync(string controlPath)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var pid = Directory.EnumerateDirectories("/proc")
                .Select(d => int.TryParse(Path.GetFileName(d), out var p) ? p : 0)
                .FirstOrDefault(p => p > 0 && ReadCommandLine(p).Contains(controlPath + " [mux]", StringComparison.Ordinal));
            if (pid > 0) return Process.GetProcessById(pid);
            Assert.True(clock.Elapsed < Bounds.Generous, $"no master process for {controlPath}");
            await Task.Delay(50);
        }
    }

    private static string ReadCommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    private static async Task RunAsync(params string[] command)
    {
        using var process = Process.Start(command[0], command.Skip(1));
        await process.WaitForExitAsync().WaitAsync(Bounds.Generous);
        Assert.Equal(0, process.ExitCode);
    }
}
