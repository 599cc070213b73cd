namespace Rmote.TestTools;

[Tool]
public static class Returns
{
    public static int VoidCalls { get; private set; }

    public static void Void() => VoidCalls++;

    public static int GetVoidCalls() => VoidCalls;

    public static int Value() => 1;

    public static async Task Task() => await System.Threading.Tasks.Task.Yield();

    public static async Task<string> TaskOfT()
    {
        await System.Threading.Tasks.Task.Yield();
        return "task";
    }

    public static ValueTask ValueTask() => default;

    public static async ValueTask<long> ValueTaskOfT()
    {
        await System.Threading.Tasks.Task.Yield();
        return long.MaxValue;
    }

    public static Point Record(int x, int y) => new(x, y);

    public static async Task<string> WaitForCancellationAsync(CancellationToken cancellationToken)
    {
        await System.Threading.Tasks.Task.Delay(Timeout.Infinite, cancellationToken);
        return "not cancelled";
    }

    public static bool ContextTokenMatches(CancellationToken cancellationToken) =>
        cancellationToken.CanBeCanceled && cancellationToken == ToolContext.CancellationToken;
}

public sealed record Point(int X, int Y);
