namespace Rmote.Cli;

/// <summary>For pipes and logs: one line per host as it finishes, then the summary line.</summary>
internal sealed class PlainOutput(TextWriter output) : IFleetOutput
{
    private readonly Lock gate = new();
    private int width;

    public Task RunAsync(IReadOnlyList<HostRow> rows, Func<Task> work)
    {
        width = rows.Count == 0 ? 4 : rows.Max(r => r.Host.Name.Length);
        return work();
    }

    public void HostFinished(HostRow row)
    {
        lock (gate) output.WriteLine($"{row.Host.Name.PadRight(width)}  {row.Status,-11}  {row.Elapsed.TotalMilliseconds,7:0} ms  {OneLine(row.Text)}");
    }

    public void Complete(string command, IReadOnlyList<HostRow> rows, FleetSummary summary)
    {
        lock (gate) output.WriteLine(summary);
    }

    internal static string OneLine(string text) => text.ReplaceLineEndings(" ⏎ ").Trim();
}
