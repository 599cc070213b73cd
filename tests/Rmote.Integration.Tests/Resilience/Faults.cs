using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Rmote.Integration.Tests.Resilience;

/// <summary>Bounded waiting, outcomes of pending calls, signals and process checks for the resilience tests.</summary>
internal static class Faults
{
    /// <summary>Generous bound for what should take a second at most, on a busy shared 2-core machine.</summary>
    public static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    public const int SigKill = 9;
    public const int SigCont = 18;
    public const int SigStop = 19;

    /// <summary>Awaits <paramref name="task"/> for at most <paramref name="limit"/>; a hang fails the test, naming it.</summary>
    public static async Task<T> Within<T>(this Task<T> task, TimeSpan limit, string what)
    {
        await ((Task)task).Within(limit, what);
        return await task;
    }

    /// <summary>Awaits <paramref name="task"/> for at most <paramref name="limit"/>; a hang fails the test, naming it.</summary>
    public static async Task Within(this Task task, TimeSpan limit, string what)
    {
        if (await Task.WhenAny(task, Task.Delay(limit)) != task)
            throw new Xunit.Sdk.XunitException($"{what} did not complete within {limit.TotalSeconds:0.#} s (it hangs).");
        await task;
    }

    /// <summary>How <paramref name="task"/> ended and when, relative to <paramref name="clock"/>.</summary>
    public static async Task<Outcome> OutcomeOf(Task task, Stopwatch clock)
    {
        try
        {
            await task;
            return new Outcome(null, clock.Elapsed);
        }
        catch (Exception failure)
        {
            return new Outcome(failure, clock.Elapsed);
        }
    }

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
    public static bool Signal(int pid, int signal) => Kill(pid, signal) == 0;

    /// <summary>True when process <paramref name="pid"/> is gone — not even a zombie, i.e. it was reaped.</summary>
    public static bool IsGone(int pid) => !Directory.Exists($"/proc/{pid}");

    [DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);
}

/// <summary>How one call ended: <see cref="Failure"/> null for success, and when.</summary>
internal readonly record struct Outcome(Exception? Failure, TimeSpan At);
