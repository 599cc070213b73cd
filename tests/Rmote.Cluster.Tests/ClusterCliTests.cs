using System.Diagnostics;
using System.Text.Json;
using Rmote.Cluster.Tests.Support;
using Rmote.TestKit.Cluster;

namespace Rmote.Cluster.Tests;

/// <summary>The <c>rmote</c> command line as a client of the 3-process cluster (<c>--cluster SEED</c>): the built program, real processes.</summary>
[Collection(SharedClusterCollection.Name)]
public sealed class ClusterCliTests(ClusterFixture fixture)
{
    private static readonly string Rmote = Path.Combine(AppContext.BaseDirectory, "Rmote.Host.dll");
    private readonly TestCluster cluster = fixture.Cluster;

    [Fact]
    public async Task Ping_through_the_cluster_answers_for_the_limited_hosts_as_one_json_document()
    {
        var inventory = WriteInventory();
        try
        {
            var (code, output, error) = await RunAsync("ping", "--cluster", $"127.0.0.1:{cluster.Seeds[0]}", "-i", inventory, "-l", "even", "--json");

            Assert.True(code == 0, $"exit {code}: {error}");
            using var document = JsonDocument.Parse(output);   // nothing but the document: Akka's logs stay off stdout
            var hosts = document.RootElement.GetProperty("hosts").EnumerateArray().ToList();
            Assert.Equal(Enumerable.Range(0, 15).Select(i => $"h{2 * i:00}"), hosts.Select(h => h.GetProperty("host").GetString()));
            Assert.All(hosts, h =>
            {
                Assert.Equal("ok", h.GetProperty("status").GetString());
                Assert.StartsWith("pong from ", h.GetProperty("result").GetString(), StringComparison.Ordinal);
            });
            Assert.Equal(15, document.RootElement.GetProperty("summary").GetProperty("ok").GetInt32());
        }
        finally
        {
            File.Delete(inventory);
        }
    }

    [Fact]
    public async Task Exec_through_the_cluster_runs_on_the_hosts_one_connection_held_by_a_member()
    {
        // The agent of h03 (whichever member holds it); `echo $PPID` run by exec on h03 prints its pid.
        var agent = Agents.Pid(await cluster.Nodes[0].CommandAsync("invoke h03 pid", TestCluster.Generous));
        var (code, output, error) = await RunAsync("exec", "--cluster", $"127.0.0.1:{cluster.Seeds[1]}", "h03", "--json", "--", "sh", "-c", "echo $PPID");

        Assert.True(code == 0, $"exit {code}: {error}");
        using var document = JsonDocument.Parse(output);
        var host = Assert.Single(document.RootElement.GetProperty("hosts").EnumerateArray());
        Assert.Equal($"{agent}\n", host.GetProperty("result").GetProperty("stdout").GetString());
        Assert.Contains(Agents.ParentOf(agent), cluster.Nodes.Select(n => n.ProcessId));
    }

    [Fact]
    public async Task Copy_through_the_cluster_writes_a_small_file_and_refuses_a_large_one_on_each_host()
    {
        var directory = Directory.CreateTempSubdirectory("rmote-cluster-copy-").FullName;
        try
        {
            var small = Path.Combine(directory, "app.conf");
            await File.WriteAllTextAsync(small, "listen 8080\n");
            var target = Path.Combine(directory, "copied.conf");
            var seed = $"127.0.0.1:{cluster.Seeds[0]}";

            var (code, output, error) = await RunAsync("copy", "--cluster", seed, small, target, "-H", "h07", "--json");
            Assert.True(code == 0, $"exit {code}: {error}");
            Assert.Equal("listen 8080\n", await File.ReadAllTextAsync(target));
            using (var document = JsonDocument.Parse(output))
                Assert.Equal("changed", Assert.Single(document.RootElement.GetProperty("hosts").EnumerateArray()).GetProperty("status").GetString());

            (code, output, error) = await RunAsync("copy", "--cluster", seed, small, target, "-H", "h07", "--json");
            Assert.True(code == 0, $"exit {code}: {error}");
            using (var document = JsonDocument.Parse(output))
                Assert.Equal("ok", Assert.Single(document.RootElement.GetProperty("hosts").EnumerateArray()).GetProperty("status").GetString());

            var large = Path.Combine(directory, "large.bin");
            await File.WriteAllBytesAsync(large, new byte[200_000]);
            (code, output, _) = await RunAsync("copy", "--cluster", seed, large, target, "-H", "h07", "--json");
            Assert.Equal(2, code);
            using (var document = JsonDocument.Parse(output))
            {
                var host = Assert.Single(document.RootElement.GetProperty("hosts").EnumerateArray());
                Assert.Equal("System.NotSupportedException", host.GetProperty("error").GetProperty("type").GetString());
                Assert.Contains("at most 100000 bytes", host.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
            }
            Assert.Equal("listen 8080\n", await File.ReadAllTextAsync(target));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_seed_where_no_member_listens_is_a_clear_error_within_the_join_bound()
    {
        var (code, _, error) = await RunAsync("ping", "--cluster", "127.0.0.1:1", "h00");

        Assert.Equal(1, code);
        Assert.Contains("Could not join the cluster at akka.tcp://rmote@127.0.0.1:1", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nonsense")]
    [InlineData("127.0.0.1:")]
    public async Task A_malformed_seed_is_a_usage_error(string seed)
    {
        var (code, _, error) = await RunAsync("ping", "--cluster", seed, "h00");

        Assert.Equal(1, code);
        Assert.Contains($"--cluster '{seed}' is not HOST:PORT", error, StringComparison.Ordinal);
    }

    private static string WriteInventory()
    {
        var names = Enumerable.Range(0, 30).Select(i => $"h{i:00}").ToList();
        var path = Path.Combine(Path.GetTempPath(), $"rmote-cluster-hosts-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "hosts:\n" + string.Concat(names.Select(n => $"  {n}:\n    local: true\n"))
            + "groups:\n"
            + $"  even:\n    hosts: [{string.Join(", ", names.Where((_, i) => i % 2 == 0))}]\n"
            + $"  odd:\n    hosts: [{string.Join(", ", names.Where((_, i) => i % 2 == 1))}]\n");
        return path;
    }

    // Bounded: the join bound (30 s), the calls and a graceful leave fit well within it.
    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Rmote);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        return (process.ExitCode, await output, await error);
    }
}
