using System.Net.NetworkInformation;
using Rmote.TestKit.Ssh;

namespace Rmote.TestKit.Netns;

/// <summary>
/// N real "machines" on this one: network namespaces with unique random names, each joined by a veth pair to a bridge
/// in the root namespace, with an address in a random 10.x.y.0/24 that nothing else on this machine uses, and an sshd
/// of its own (<see cref="LoopbackSshd"/> logic, listening on that address inside the namespace). Everything is torn
/// down on dispose, also after a failed start, and at process exit if the owner never disposed. Requires root and
/// iproute2 — fails, never skips.
/// </summary>
public sealed class NamespacedHosts : IAsyncDisposable
{
    private readonly string suffix = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()[..3]);
    private readonly List<NamespacedHost> hosts = [];
    private readonly List<string> namespaces = [];
    private bool bridgeCreated;
    private int disposed;

    private NamespacedHosts()
    {
        Bridge = "rmb" + suffix;
    }

    /// <summary>The hosts, in order.</summary>
    public IReadOnlyList<NamespacedHost> Hosts => hosts;

    /// <summary>The bridge in the root namespace (its address is <see cref="Gateway"/>).</summary>
    public string Bridge { get; }

    /// <summary>The root namespace's address on the hosts' subnet.</summary>
    public string Gateway { get; private set; } = "";

    /// <summary>
    /// Creates <paramref name="count"/> namespaced hosts; <paramref name="extraSshdConfig"/> (given the host's index and
    /// the subnet prefix such as <c>10.123.45.</c>) adds lines to that host's sshd_config.
    /// </summary>
    public static async Task<NamespacedHosts> StartAsync(int count, Func<int, string, string>? extraSshdConfig = null)
    {
        var created = new NamespacedHosts();
        AppDomain.CurrentDomain.ProcessExit += created.OnProcessExit;
        try
        {
            await created.CreateAsync(count, extraSshdConfig ?? ((_, _) => ""));
            return created;
        }
        catch
        {
            await created.DisposeAsync();
            throw;
        }
    }

    private async Task CreateAsync(int count, Func<int, string, string> extraSshdConfig)
    {
        var prefix = FreeSubnet();
        Gateway = prefix + "1";
        await Commands.RunAsync("ip", "link", "add", Bridge, "type", "bridge");
        bridgeCreated = true;
        await Commands.RunAsync("ip", "addr", "add", Gateway + "/24", "dev", Bridge);
        await Commands.RunAsync("ip", "link", "set", Bridge, "up");
        for (var i = 0; i < count; i++)
        {
            var ns = $"rmf-{suffix}-{i}";
            var outside = $"rmv{suffix}{i:00}";
            var inside = $"rmp{suffix}{i:00}";
            var address = prefix + (10 + i);
            await Commands.RunAsync("ip", "netns", "add", ns);
            namespaces.Add(ns);
            await Commands.RunAsync("ip", "link", "add", outside, "type", "veth", "peer", "name", inside, "netns", ns);
            await Commands.RunAsync("ip", "link", "set", outside, "master", Bridge, "up");
            await Commands.RunAsync("ip", "-n", ns, "link", "set", "lo", "up");
            await Commands.RunAsync("ip", "-n", ns, "link", "set", inside, "name", "eth0");
            await Commands.RunAsync("ip", "-n", ns, "addr", "add", address + "/24", "dev", "eth0");
            await Commands.RunAsync("ip", "-n", ns, "link", "set", "eth0", "up");
            hosts.Add(new NamespacedHost(i, ns, address, outside,
                new LoopbackSshd(address, ["ip", "netns", "exec", ns], extraSshdConfig(i, prefix))));
        }
        // Key generation, users and sshd start-up in parallel: the 2-core machine spends most of it waiting.
        await Task.WhenAll(hosts.Select(h => h.Sshd.StartAsync()));
    }

    /// <summary>Sets host <paramref name="index"/>'s link (its veth end on the bridge) up or down: a partition.</summary>
    public Task SetLinkAsync(int index, bool up) => Commands.RunAsync("ip", "link", "set", hosts[index].Link, up ? "up" : "down");

    /// <summary>Stops every sshd (and agents started through it), deletes the namespaces and the bridge.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1) return;
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        var errors = new List<Exception>();
        foreach (var host in hosts)
        {
            try
            {
                await host.Sshd.DisposeAsync();
            }
            catch (Exception e)
            {
                errors.Add(e);
            }
        }
        // Deleting a namespace deletes its veth end, and with it the pair's end on the bridge.
        foreach (var ns in namespaces) await Commands.RunAsync(check: false, "ip", "netns", "del", ns);
        if (bridgeCreated) await Commands.RunAsync(check: false, "ip", "link", "del", Bridge);
        if (errors.Count > 0) throw new AggregateException("tearing down namespaced hosts", errors);
    }

    private void OnProcessExit(object? sender, EventArgs e) => DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(20));

    /// <summary>A random 10.x.y.0/24 that no interface or route of this machine uses (other test runs included).</summary>
    private static string FreeSubnet()
    {
        var used = NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(n => n.GetIPProperties().UnicastAddresses.Select(a => a.Address.ToString()))
            .Concat(File.ReadAllLines("/proc/net/route").Skip(1).Select(l => l.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1])
                .Select(hex => string.Join('.', BitConverter.GetBytes(Convert.ToUInt32(hex, 16)))))
            .ToList();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var prefix = $"10.{Random.Shared.Next(100, 250)}.{Random.Shared.Next(1, 255)}.";
            if (!used.Any(a => a.StartsWith(prefix, StringComparison.Ordinal))) return prefix;
        }
        throw new InvalidOperationException("no free 10.x.y.0/24 found for the namespaced hosts");
    }
}
