using System.Diagnostics;

namespace Rmote.Integration.Tests.Support;

/// <summary>Bounded waiting: a test that would hang fails instead, saying what it waited for.</summary>
public static class Bounds
{
    /// <summary>Generous bound for anything that should be quick, on a busy shared 2-core machine.</summary>
    public static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    /// <summary>Awaits <paramref name="task"/> for at most <paramref name="limit"/>.</summary>
    public static async Task<T> Within<T>(this Task<T> task, TimeSpan limit, string what)
    {
        try
        {
            return await task.WaitAsync(limit);
        }
        catch (TimeoutException) when (!task.IsCompleted)
        {
            throw new Xunit.Sdk.XunitException($"{what} did not complete within {limit.TotalSeconds:0.#} s (it hangs).");
        }
    }

    /// <summary>Awaits <paramref name="task"/> for at most <paramref name="limit"/>.</summary>
    public static async Task Within(this Task task, TimeSpan limit, string what)
    {
        try
        {
            await task.WaitAsync(limit);
        }
        catch (TimeoutException) when (!task.IsCompleted)
        {
            throw new Xunit.Sdk.XunitException($"{what} did not complete within {limit.TotalSeconds:0.#} s (it hangs).");
        }
    }

    /// <summary>The exception <paramref name="task"/> ends with, and how long after <paramref name="clock"/>'s start.</summary>
    public static async Task<Outcome> Outcome(Task task, Stopwatch clock)
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
}

/// <summary>How one call ended: <see cref="Failure"/> null for success, and when.</summary>
public readonly record struct Outcome(Exception? Failure, TimeSpan At);
