using System.Diagnostics;
using Rmote.TestTools;
using Rmote.Integration.Tests.Support;

namespace Rmote.Integration.Tests.Resilience;

/// <summary>
/// Calls pending when a fault strikes: <c>blocked</c> calls that wait on the agent until cancelled (they cannot
/// complete) and <c>quick</c> echo calls racing the fault (each either completes with its own value or fails).
/// </summary>
internal sealed class PendingLoad
{
    private readonly List<Task> blocked;
    private readonly List<Task<int>> quick;

    private PendingLoad(List<Task> blocked, List<Task<int>> quick)
    {
        this.blocked = blocked;
        this.quick = quick;
    }

    public static async Task<PendingLoad> StartAsync(RmoteConnection connection, int blocked, int quick)
    {
        var run = Guid.NewGuid().ToString("N");
        var waiting = Enumerable.Range(0, blocked)
            .Select(i => (Task)connection.CallAsync(() => ResilienceTools.WaitForCancellationAsync(run + i, CancellationToken.None))).ToList();
        for (var i = 0; i < blocked; i++)
        {
            var marker = run + i;
            Assert.True(await connection.CallAsync(() => ResilienceTools.HasStartedAsync(marker, 20_000)), "a blocked call did not start");
        }
        var echoes = Enumerable.Range(0, quick).Select(i => connection.CallAsync(() => ResilienceTools.Echo(i))).ToList();
        return new PendingLoad(waiting, echoes);
    }

    /// <summary>Waits (bounded) until every call has ended; counts the lost ones.</summary>
    public async Task<LoadReport> EndAsync(Stopwatch clock)
    {
        var blockedOutcomes = await Task.WhenAll(blocked.Select(c => Bounds.Outcome(c, clock))).Within(Bounds.Generous, "the blocked calls");
        var quickOutcomes = await Task.WhenAll(quick.Select(c => Bounds.Outcome(c, clock))).Within(Bounds.Generous, "the quick calls");
        var wrong = quick.Select((call, i) => call.IsCompletedSuccessfully && call.Result != i).Count(w => w);
        var ended = blockedOutcomes.Concat(quickOutcomes).Select(o => o.At).DefaultIfEmpty().Max();
        return new LoadReport(blockedOutcomes, quickOutcomes, ended, wrong);
    }
}

/// <summary>How the pending calls ended; <see cref="Lost"/> counts completed calls with a wrong result.</summary>
internal sealed record LoadReport(IReadOnlyList<Outcome> Blocked, IReadOnlyList<Outcome> Quick, TimeSpan Ended, int Lost);
