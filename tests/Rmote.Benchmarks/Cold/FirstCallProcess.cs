using Rmote.Bootstrap;

namespace Rmote.Benchmarks.Cold;

/// <summary>
/// What <c>rmote ping local</c> does, as this benchmark program's child mode
/// (<c>Rmote.Benchmarks.dll first-call-process [AGENT-DIR]</c>): start a local agent, make one call, exit. The cold
/// suite times the whole process from the outside: runtime start, host start-up, agent start, first call, shutdown.
/// </summary>
public static class FirstCallProcess
{
    /// <summary>The command-line verb of the child mode.</summary>
    public const string Verb = "first-call-process";

    /// <summary>Runs the child mode; returns the exit code.</summary>
    public static async Task<int> RunAsync(string? agentDirectory)
    {
        var options = agentDirectory is null ? null : new RmoteOptions { AgentBundle = AgentBundle.Load(agentDirectory) };
        await using var connection = await RmoteConnection.StartLocalAsync(options);
        return await connection.CallAsync(() => BenchTools.Echo(0));
    }
}
