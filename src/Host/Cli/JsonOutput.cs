using System.Text.Json;
using System.Text.Json.Nodes;

namespace Rmote.Cli;

/// <summary>For programs: nothing while running, then one JSON document on stdout (logs go to stderr).</summary>
internal sealed class JsonOutput(TextWriter output) : IFleetOutput
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public Task RunAsync(IReadOnlyList<HostRow> rows, Func<Task> work) => work();

    public void HostFinished(HostRow row)
    {
    }

    public void Complete(string command, IReadOnlyList<HostRow> rows, FleetSummary summary)
    {
        var document = new JsonObject
        {
            ["command"] = command,
            ["hosts"] = new JsonArray(rows.Select(Host).ToArray()),
            ["summary"] = new JsonObject
            {
                ["ok"] = summary.Ok,
                ["changed"] = summary.Changed,
                ["failed"] = summary.Failed,
                ["unreachable"] = summary.Unreachable,
                ["cancelled"] = summary.Cancelled,
                ["elapsedMs"] = Math.Round(summary.Elapsed.TotalMilliseconds, 1),
                ["exitCode"] = summary.ExitCode,
            },
        };
        output.WriteLine(document.ToJsonString(Options));
    }

    private static JsonNode Host(HostRow row) => new JsonObject
    {
        ["host"] = row.Host.Name,
        ["target"] = row.Host.Target,
        ["status"] = row.Status,
        ["elapsedMs"] = Math.Round(row.Elapsed.TotalMilliseconds, 1),
        ["result"] = row.Json is null ? null : JsonSerializer.SerializeToNode(row.Json, row.Json.GetType(), Options),
        ["error"] = row.Result is { Error: { } error } result
            ? new JsonObject { ["kind"] = result.Failure.ToString(), ["type"] = error.GetType().FullName, ["message"] = error.Message }
            : null,
    };
}
