using System.Diagnostics;

namespace Rmote.Integration.Tests.Resilience;

/// <summary>Signals and polling for the resilience tests (bounded waits and outcomes are in <c>Support.Bounds</c>).</summary>
internal static class Faults
{
    public const int SigKill = 9;
    public const int SigCont = 18;
    public const int SigStop = 19;

    /// <summary>Waits until <paramref name="condition"/> holds, polling; false after <paramref name="limit"/>.</summary>
    public static async Task<bool> EventuallyAsync(Func<bool> condition, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > limit) return false;
            await Task.Delay(10);
        }
        return true;
    }

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>; false when it no longer exists.</summary>
    public static bool Signal(int pid, int signal) => Transports.ProcessSignals.Send(pid, signal);
}
