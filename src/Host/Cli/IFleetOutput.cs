namespace Rmote.Cli;

/// <summary>How a fleet command shows its hosts: a live table on a terminal, plain lines in a pipe, or one JSON document.</summary>
internal interface IFleetOutput
{
    /// <summary>Runs <paramref name="work"/> while showing <paramref name="rows"/> as they change.</summary>
    Task RunAsync(IReadOnlyList<HostRow> rows, Func<Task> work);

    /// <summary>A host has finished (called on the thread that finished it).</summary>
    void HostFinished(HostRow row);

    /// <summary>Everything is done.</summary>
    void Complete(string command, IReadOnlyList<HostRow> rows, FleetSummary summary);
}
