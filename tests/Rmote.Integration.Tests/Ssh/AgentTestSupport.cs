using Rmote.Bootstrap;
using Rmote.Transports;

namespace Rmote.Integration.Tests.Ssh;

/// <summary>Shared steps of the transport tests: wait for the agent's handshake line, make bundle variants.</summary>
internal static class AgentTestSupport
{
    /// <summary>Generous bound for one connect on a busy 2-core machine.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Reads the agent's stdout until the line <c>PROTOCOL READY</c> (what the protocol handshake waits for) and
    /// fails with the agent's stderr if it exits first.
    /// </summary>
    public static async Task ReachesProtocolReadyAsync(AgentTransport link)
    {
        using var timeout = new CancellationTokenSource(ConnectTimeout);
        while (true)
        {
            var line = await link.Output.ReadLineAsync(timeout.Token);
            if (line is null) throw await link.CreateExitedEarlyExceptionAsync();
            if (line == "PROTOCOL READY") return;
        }
    }

    /// <summary>A copy of the shipped bundle with <paramref name="change"/> applied to the copy's folder.</summary>
    public static AgentBundle BundleVariant(string parent, Action<string> change)
    {
        var directory = Path.Combine(parent, "bundle-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        foreach (var file in AgentBundle.Default.Files)
        {
            var target = Path.Combine(directory, file.RelativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(AgentBundle.Default.Directory, file.RelativePath), target);
        }
        change(directory);
        return AgentBundle.Load(directory);
    }

    /// <summary>The cache entries (bundle hashes) and leftovers in a cache directory.</summary>
    public static string[] CacheEntries(string cacheDirectory) =>
        Directory.Exists(cacheDirectory)
            ? Directory.EnumerateFileSystemEntries(cacheDirectory).Select(p => Path.GetFileName(p)).Order().ToArray()
            : [];
}
