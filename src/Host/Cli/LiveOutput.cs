using Spectre.Console;

namespace Rmote.Cli;

/// <summary>
/// For a terminal: a table (host, state, elapsed, result) redrawn while the hosts work, with <paramref name="status"/>
/// (if any) as its caption, then the summary.
/// </summary>
internal sealed class LiveOutput(IAnsiConsole console, Func<string?>? status = null) : IFleetOutput
{
    public async Task RunAsync(IReadOnlyList<HostRow> rows, Func<Task> work)
    {
        await console.Live(Render(rows)).AutoClear(false).StartAsync(async context =>
        {
            var running = work();
            // The rows change on fleet threads; only this loop renders, so the table is never drawn half-updated.
            while (!running.IsCompleted)
            {
                context.UpdateTarget(Render(rows));
                await Task.WhenAny(running, Task.Delay(100));
            }
            context.UpdateTarget(Render(rows));
            await running;
        });
    }

    public void HostFinished(HostRow row)
    {
    }

    public void Complete(string command, IReadOnlyList<HostRow> rows, FleetSummary summary) =>
        console.MarkupLine(summary.ExitCode == 0 ? $"[green]{summary}[/]" : $"[red]{summary}[/]");

    private Table Render(IReadOnlyList<HostRow> rows)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("host").AddColumn("state").AddColumn(new TableColumn("elapsed").RightAligned()).AddColumn("result");
        foreach (var row in rows)
        {
            var color = row.Status switch { "ok" => "green", "changed" => "yellow", "failed" or "unreachable" => "red", "running" => "blue", _ => "grey" };
            var text = PlainOutput.OneLine(row.Text);
            table.AddRow(Markup.Escape(row.Host.Name), $"[{color}]{row.Status}[/]", $"{row.ElapsedNow.TotalMilliseconds:0} ms",
                Markup.Escape(text.Length > 120 ? text[..119] + "…" : text));
        }
        if (status?.Invoke() is { } caption) table.Caption(Markup.Escape(caption));
        return table;
    }
}
