namespace Rmote.Cli;

/// <summary>The closing counts: ok / changed / failed / unreachable (and cancelled, after Ctrl+C), and the exit code they make.</summary>
internal sealed record FleetSummary(int Ok, int Changed, int Failed, int Unreachable, int Cancelled, TimeSpan Elapsed)
{
    /// <summary>Exit code after Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;

    public static FleetSummary Of(IReadOnlyCollection<HostRow> rows, TimeSpan elapsed) => new(
        rows.Count(r => r.Status == "ok"), rows.Count(r => r.Status == "changed"),
        rows.Count(r => r.Status == "failed"), rows.Count(r => r.Status == "unreachable"), rows.Count(r => r.Status == "cancelled"), elapsed);

    /// <summary>
    /// 0 when every host succeeded; 2 when any failed; 4 when some were unreachable and none failed (as Ansible); 130
    /// when the command was interrupted before every host finished.
    /// </summary>
    public int ExitCode => Cancelled > 0 ? Interrupted : Failed > 0 ? 2 : Unreachable > 0 ? 4 : 0;

    public override string ToString() =>
        $"ok={Ok} changed={Changed} failed={Failed} unreachable={Unreachable}{(Cancelled > 0 ? $" cancelled={Cancelled}" : "")} "
        + $"({Ok + Changed + Failed + Unreachable + Cancelled} hosts in {Elapsed.TotalSeconds:0.0} s)";
}
