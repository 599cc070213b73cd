using System.Diagnostics;
using Rmote.Integration.Tests.Support;

namespace Rmote.Integration.Tests.Fleet;

/// <summary>RmoteFleet against eight real hosts: network namespaces, each with its own sshd, loaded from an inventory.</summary>
[Collection(NetnsCollection.Name)]
public sealed class FleetNetnsTests(NetnsFixture fixture)
{
    [Fact]
    public async Task A_call_fans_out_to_every_namespaced_host_and_runs_inside_each()
    {
        await using var fleet = RmoteFleet.Load(fixture.WriteInventory(), fixture.Options());
        var results = await fleet.CallAsync(() => FleetProbe.Addresses()).Within(TimeSpan.FromMinutes(2), "fan-out to 7 hosts");

        Assert.True(results.AllSucceeded, string.Join("\n", results.Failed));
        foreach (var result in results)
        {
            var host = fixture.Hosts.Hosts.Single(h => h.Name == result.Host.Name);
            Assert.Equal([host.Address], result.Value!);   // the agent sees only its own namespace's interface
        }
        var odd = await fleet.Select("odd:!h3").CallAsync(() => FleetProbe.Missing("/tmp/rmote-fleet-no-such-file"));
        Assert.Equal(["h1", "h7"], odd.Select(r => r.Host.Name));
        Assert.All(odd, r => Assert.Equal(HostFailureKind.RemoteException, r.Failure));
        Assert.All(odd, r => Assert.IsType<FileNotFoundException>(r.Error));
    }

    [Fact]
    public async Task A_host_whose_link_goes_down_mid_call_times_out_alone_while_the_others_succeed()
    {
        var path = fixture.WriteInventory();
        await using var fleet = RmoteFleet.Load(path, fixture.Options(callTimeout: TimeSpan.FromSeconds(5)));
        Assert.True((await fleet.CallAsync(() => FleetProbe.Addresses())).AllSucceeded);   // all connected

        var clock = Stopwatch.StartNew();
        var call = fleet.CallAsync(() => FleetProbe.SpanAsync(1500, CancellationToken.None));
        try
        {
            await Task.Delay(300);
            await fixture.Hosts.SetLinkAsync(3, up: false);
            var results = await call.Within(TimeSpan.FromSeconds(30), "a fleet call with one partitioned host");

            Assert.Equal(["h0", "h1", "h2", "h4", "h6", "h7"], results.Succeeded.Select(r => r.Host.Name));
            var lost = results["h3"];
            Assert.Contains(lost.Failure, new[] { HostFailureKind.TimedOut, HostFailureKind.Unreachable });
            Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(20));

            // While it is still down, a fresh fleet cannot reach it: a typed failure within the connect timeout.
            await using var fresh = RmoteFleet.Load(path, fixture.Options() with
            {
                Connection = new RmoteOptions { ConnectTimeout = TimeSpan.FromSeconds(3), AgentCacheDirectory = fixture.Cache },
            });
            var unreachable = (await fresh.Select("h3").CallAsync(() => FleetProbe.Addresses()).Within(TimeSpan.FromSeconds(20), "connect to a partitioned host"))
                .Single();
            Assert.Equal(HostFailureKind.Unreachable, unreachable.Failure);
            Assert.IsType<RmoteConnectException>(unreachable.Error);
        }
        finally
        {
            await fixture.Hosts.SetLinkAsync(3, up: true);
        }
    }

    [Fact]
    public async Task The_throttle_bounds_hosts_connecting_or_running_at_once()
    {
        const int limit = 3;
        await using var fleet = RmoteFleet.Load(fixture.WriteInventory(), fixture.Options(throttle: limit));

        // When each host's ssh client appeared (sampled), and when its call ended on the host (the agent's clock): a
        // host counts from the start of its connect until its call is done. Both are measured slightly late/early in
        // the throttle's favour by a few ms; without a throttle all seven would overlap.
        // ssh clients of earlier tests' fleets may still be exiting: only new ones count.
        var directories = fixture.Hosts.Hosts.Select(h => h.Sshd.Directory).ToList();
        var before = FleetProcesses.SshClients(directories);
        var appeared = new Dictionary<string, long>();
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                foreach (var (pid, argv) in FleetProcesses.SshCommandLines(directories))
                    if (!before.Contains(pid)) appeared.TryAdd(argv[^2], DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());   // the destination, before "sh"
                await Task.Delay(5);
            }
        });
        var results = await fleet.CallAsync(() => FleetProbe.SpanAsync(700, CancellationToken.None)).Within(TimeSpan.FromMinutes(2), "throttled fan-out");
        await stop.CancelAsync();
        await sampler;

        Assert.True(results.AllSucceeded, string.Join("\n", results.Failed));
        var spans = results.Select(r => (Start: appeared[r.Host.Destination!], End: r.Value![1])).ToList();
        Assert.Equal(7, spans.Count);
        var overlap = spans.Max(s => spans.Count(o => o.Start <= s.Start && s.Start < o.End));
        Assert.InRange(overlap, 2, limit);
        // And the agents' own view: never more than `limit` calls running at once.
        var calls = results.Select(r => (Start: r.Value![0], End: r.Value[1])).ToList();
        Assert.InRange(calls.Max(c => calls.Count(o => o.Start <= c.Start && c.Start < o.End)), 1, limit);
    }

    [Fact]
    public async Task A_second_call_reuses_the_kept_connections_and_starts_no_ssh_process()
    {
        await using var fleet = RmoteFleet.Load(fixture.WriteInventory(), fixture.Options());
        var first = await fleet.CallAsync(() => FleetProbe.Identity());
        Assert.True(first.AllSucceeded, string.Join("\n", first.Failed));
        var clients = SshClients();
        Assert.Equal(7, clients.Count);

        var second = await fleet.CallAsync(() => FleetProbe.Identity());
        Assert.Equal(first.Select(r => r.Value), second.Select(r => r.Value));   // same agents (pids)
        Assert.Equal(clients, SshClients());
        Assert.Equal(7, await fleet.ConnectionsOpenedAsync());

        await fleet.DisposeAsync();
        var clock = Stopwatch.StartNew();
        while (SshClients().Count > 0 && clock.Elapsed < TimeSpan.FromSeconds(15)) await Task.Delay(50);
        Assert.Empty(SshClients());   // dispose stopped them all
    }

    [Fact]
    public async Task Jump_reaches_a_host_that_accepts_only_the_jump_hosts_address()
    {
        var behind = fixture.Hosts.Hosts[NetnsFixture.BehindJump];
        var path = fixture.WriteInventory([NetnsFixture.JumpHost, NetnsFixture.BehindJump],
            groups: "  direct:\n    hosts: [h5]\n");
        var yaml = File.ReadAllText(path).Replace("groups:\n", "  via-jump:\n" + behind.InventoryEntry(agentCache: fixture.Cache).Split('\n', 2)[1] + "\n    jump: h4\ngroups:\n");
        File.WriteAllText(path, yaml);

        await using var fleet = RmoteFleet.Load(path, fixture.Options());
        var results = await fleet.CallAsync(() => FleetProbe.Addresses()).Within(TimeSpan.FromMinutes(2), "jump");
        Assert.Equal([behind.Address], results["via-jump"].Value!);
        Assert.Equal(HostFailureKind.AuthFailed, results["h5"].Failure);   // sshd refuses us coming from the root namespace
        Assert.Contains("Permission denied", results["h5"].Error!.Message);
        Assert.True(results["h4"].Succeeded);
    }

    /// <summary>Pids of live ssh clients started for these hosts (found by their known_hosts option).</summary>
    private HashSet<int> SshClients() => FleetProcesses.SshClients(fixture.Hosts.Hosts.Select(h => h.Sshd.Directory));
}
