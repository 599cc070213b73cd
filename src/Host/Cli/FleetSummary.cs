namespace Rmote.Cli;

/// <summary>The closing counts: ok / changed / failed / unreachable, and the exit code they make.</summary>
internal sealed record FleetSummary(int Ok, int Changed, int Failed, int Unreachable, TimeSpan Elapsed)
{
    public static FleetSummary Of(IReadOnlyCollection<HostRow> rows, TimeSpan elapsed) => new(
        rows.Count(r => r.Status == "ok"), rows.Count(r => r.Status == "changed"),
        rows.Count(r => r.Status == "failed"), rows.Count(r => r.Status == "unreachable"), elapsed);

    /// <summary>0 when every host succeeded; 2 when any failed; 4 when some were unreachable and none failed (as Ansible).</summary>
    public int ExitCode => Failed > 0 ? 2 : Unreachable > 0 ? 4 : 0;

    public override string ToString() =>
        $"ok={Ok} changed={Changed} failed={Failed} unreachable={Unreachable} ({Ok + Changed + Failed + Unreachable} hosts in {Elapsed.TotalSeconds:0.0} s)";
}
