using System.Diagnostics;

namespace Rmote.Tools.Tests.Infrastructure;

/// <summary>"Eventually" without a clock in the assertion: poll a condition with a bound generous enough for a busy shared machine.</summary>
public static class Eventually
{
    /// <summary>How long any one "eventually" may take.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    /// <summary>Polls <paramref name="condition"/> until it holds or <see cref="Bound"/> has passed; returns whether it held.</summary>
    public static async Task<bool> HoldsAsync(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > Bound) return false;
            await Task.Delay(50);
        }

        return true;
    }
}
