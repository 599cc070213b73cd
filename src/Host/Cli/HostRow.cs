using System.Diagnostics;

namespace Rmote.Cli;

/// <summary>One host's line in the output: where it is, for how long, and how it ended.</summary>
internal sealed class HostRow(FleetHost host)
{
    private long startedAt;

    public FleetHost Host { get; } = host;

    /// <summary>queued, running, ok, changed, failed, unreachable or cancelled.</summary>
    public string Status { get; private set; } = "queued";

    public TimeSpan Elapsed { get; private set; }

    public string Text { get; private set; } = "";

    public object? Json { get; private set; }

    public HostResult? Result { get; private set; }

    public bool Done => Result is not null || Status == "cancelled";

    /// <summary>The time so far while running, the final figure when done.</summary>
    public TimeSpan ElapsedNow => Done || startedAt == 0 ? Elapsed : Stopwatch.GetElapsedTime(startedAt);

    public void Start()
    {
        startedAt = Stopwatch.GetTimestamp();
        Status = "running";
    }

    public void Finish<T>(HostResult<T> result, Func<T, HostOutcome> describe)
    {
        Elapsed = result.Elapsed;
        if (result.Succeeded)
        {
            var outcome = describe(result.Value!);
            (Status, Text, Json) = (outcome.Failed ? "failed" : outcome.Changed ? "changed" : "ok", outcome.Text, outcome.Json);
        }
        else
        {
            Status = result.Failure is HostFailureKind.Unreachable or HostFailureKind.AuthFailed ? "unreachable" : "failed";
            Text = $"{result.Failure}: {Describe(result.Error!)}";
        }
        Result = result;
    }

    /// <summary>The command was interrupted before this host finished.</summary>
    public void Cancel()
    {
        Elapsed = ElapsedNow;
        (Status, Text) = ("cancelled", "Cancelled: interrupted before this host finished");
    }

    /// <summary>The first line of the message, plus the last line ssh or sudo wrote, if any.</summary>
    private static string Describe(Exception error)
    {
        var first = error.Message.Split('\n', 2)[0].Trim();
        var stderr = (error as RmoteConnectException ?? error.InnerException as RmoteConnectException)?.StandardError;
        var last = stderr?.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        return last is null || first.Contains(last, StringComparison.Ordinal) ? first : $"{first} [{last}]";
    }
}
