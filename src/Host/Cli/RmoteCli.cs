using System.CommandLine;

namespace Rmote.Cli;

/// <summary>
/// The <c>rmote</c> command line. Everything after a first <c>--</c> is the command of <c>rmote exec</c>, taken
/// verbatim (never parsed as options or hosts), so <c>rmote exec -l web -- ls -la /</c> works as it reads.
/// </summary>
internal static class RmoteCli
{
    public static async Task<int> RunAsync(string[] args)
    {
        var split = Array.IndexOf(args, "--");
        var command = split < 0 ? [] : args[(split + 1)..];
        var root = new RootCommand("Rmote.Actors: control other machines from C#.")
        {
            DemoCommand.Create(),
        };
        foreach (var fleetCommand in FleetCommands.Create(command)) root.Add(fleetCommand);
        // Ctrl+C cancels the running command (its tools are cancelled on every host, the table and summary still print,
        // the agents are stopped): that takes longer than System.CommandLine's default 2 s before it gives up on us.
        var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TerminationTimeout };
        return await root.Parse(split < 0 ? args : args[..split]).InvokeAsync(invocation);
    }

    /// <summary>How long a cancelled command may take to cancel its hosts and stop its agents after Ctrl+C.</summary>
    private static readonly TimeSpan TerminationTimeout = TimeSpan.FromSeconds(15);
}
