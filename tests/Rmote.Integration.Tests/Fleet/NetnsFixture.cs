using Rmote.TestKit.Netns;

namespace Rmote.Integration.Tests.Fleet;

/// <summary>
/// Eight namespaced hosts, each with its own sshd. Host h5 accepts logins only from h4's address (a Match block in its
/// sshd_config), so reaching it from here needs h4 as a jump host.
/// </summary>
public sealed class NetnsFixture : IAsyncLifetime
{
    public const int Count = 8;
    public const int JumpHost = 4;
    public const int BehindJump = 5;

    private NamespacedHosts? hosts;

    public NamespacedHosts Hosts => hosts ?? throw new InvalidOperationException("not started");

    /// <summary>A folder for inventories, caches and the like; removed afterwards.</summary>
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("rmote-fleet-").FullName;

    /// <summary>The agent cache every root login uses (warm after the first test).</summary>
    public string Cache => Path.Combine(Directory, "cache");

    public async Task InitializeAsync()
    {
        if (OperatingSystem.IsLinux()) File.SetUnixFileMode(Directory, (UnixFileMode)0b111_101_101);
        hosts = await NamespacedHosts.StartAsync(Count, (i, prefix) => i == BehindJump
            ? $"Match Address 0.0.0.0/0,!{prefix}{10 + JumpHost}/32\n    DenyUsers *\n"
            : "");
    }

    /// <summary>
    /// Writes an inventory of the hosts <paramref name="indexes"/> (default: all but the one behind the jump host)
    /// with <paramref name="extra"/> appended under <c>hosts:</c>, and groups even/odd; returns its path.
    /// </summary>
    public string WriteInventory(IEnumerable<int>? indexes = null, string extra = "", string groups = "")
    {
        var chosen = (indexes ?? Enumerable.Range(0, Count).Where(i => i != BehindJump)).Select(i => Hosts.Hosts[i]).ToList();
        var yaml = "hosts:\n" + string.Join("\n", chosen.Select(h => h.InventoryEntry(agentCache: Cache))) + "\n" + extra
                   + "groups:\n"
                   + $"  even:\n    hosts: [{string.Join(", ", chosen.Where(h => h.Index % 2 == 0).Select(h => h.Name))}]\n"
                   + $"  odd:\n    hosts: [{string.Join(", ", chosen.Where(h => h.Index % 2 == 1).Select(h => h.Name))}]\n"
                   + groups;
        var path = Path.Combine(Directory, $"hosts-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    /// <summary>Fleet options for tests: a roomy connect timeout (the machine is shared) and the fixture's cache.</summary>
    public FleetOptions Options(int throttle = 32, TimeSpan? callTimeout = null, IProgress<HostProgress>? progress = null) => new()
    {
        ThrottleLimit = throttle,
        CallTimeout = callTimeout ?? TimeSpan.FromSeconds(60),
        Progress = progress,
        Connection = new RmoteOptions { ConnectTimeout = TimeSpan.FromSeconds(60), AgentCacheDirectory = Cache },
    };

    public async Task DisposeAsync()
    {
        try
        {
            if (hosts is not null) await hosts.DisposeAsync();
        }
        finally
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}
