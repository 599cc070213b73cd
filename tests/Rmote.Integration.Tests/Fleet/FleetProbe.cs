using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Rmote.Integration.Tests.Fleet;

/// <summary>What a fleet test asks each host: where the call ran, and when.</summary>
[Tool]
public static class FleetProbe
{
    /// <summary>The agent's IPv4 addresses other than loopback: inside a namespace, that namespace's own.</summary>
    public static string[] Addresses() => NetworkInterface.GetAllNetworkInterfaces()
        .SelectMany(n => n.GetIPProperties().UnicastAddresses)
        .Where(a => a.Address.AddressFamily == AddressFamily.InterNetwork && !System.Net.IPAddress.IsLoopback(a.Address))
        .Select(a => a.Address.ToString()).ToArray();

    /// <summary>The user the agent runs as and its process id.</summary>
    public static string Identity() => $"{Environment.UserName}:{Environment.ProcessId}";

    /// <summary>Sleeps; returns when it started and ended (Unix ms on the host's clock, the same machine here).</summary>
    public static async Task<long[]> SpanAsync(int milliseconds, CancellationToken cancellationToken)
    {
        var start = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await Task.Delay(milliseconds, cancellationToken);
        return [start, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()];
    }

    /// <summary>Throws a FileNotFoundException from the host.</summary>
    public static string Missing(string path) => File.ReadAllText(path);
}
