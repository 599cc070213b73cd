namespace Rmote.Cluster.Node;

/// <summary>The node's command line: <c>--port P --seeds P1,P2 [--proxy] [--smuggle] [--idle-ms N] [--in-flight N]</c>.</summary>
public sealed record NodeArguments(int Port, IReadOnlyList<int> Seeds, bool Proxy, bool Smuggle, TimeSpan? PassivateIdleAfter, int? MaxCallsInFlight)
{
    public static NodeArguments Parse(string[] args)
    {
        string? Value(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        return new NodeArguments(
            int.Parse(Value("--port") ?? throw new ArgumentException("--port is required")),
            (Value("--seeds") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray(),
            args.Contains("--proxy"),
            args.Contains("--smuggle"),
            Value("--idle-ms") is { } idle ? TimeSpan.FromMilliseconds(int.Parse(idle)) : null,
            Value("--in-flight") is { } inFlight ? int.Parse(inFlight) : null);
    }
}
