using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Rmote.TestTools;

/// <summary>
/// Tools for the resilience tests (Rmote.Integration.Tests/Resilience): calls that stay pending until cancelled and
/// report that they were, concurrency the agent actually saw, large results, and faults a tool can cause from inside
/// the agent (exit, closing the protocol output).
/// </summary>
[Tool]
public static partial class ResilienceTools
{
    private static readonly ConcurrentDictionary<string, TaskCompletionSource> Cancelled = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, TaskCompletionSource> Started = new(StringComparer.Ordinal);
    private static int running;
    private static int waiting;
    private static int peak;

    public static int ProcessId() => Environment.ProcessId;

    public static int Echo(int value) => value;

    /// <summary>Waits (asynchronously) until its token fires, recording that it did under <paramref name="marker"/>.</summary>
    public static async Task<string> WaitForCancellationAsync(string marker, CancellationToken cancellationToken)
    {
        Signal(Started, marker);
        Interlocked.Increment(ref waiting);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return "not cancelled";
        }
        catch (OperationCanceledException)
        {
            Signal(Cancelled, marker);
            throw;
        }
        finally
        {
            Interlocked.Decrement(ref waiting);
        }
    }

    /// <summary>Like <see cref="WaitForCancellationAsync"/>, returning a plain <see cref="Task"/>.</summary>
    public static async Task WaitVoidAsync(string marker, CancellationToken cancellationToken) =>
        await WaitForCancellationAsync(marker, cancellationToken);

    /// <summary>Like <see cref="BlockUntilCancelled"/>, returning nothing.</summary>
    public static void BlockVoid(string marker) => BlockUntilCancelled(marker);

    /// <summary>Sleeps and answers, ignoring cancellation: its reply arrives after the caller gave up.</summary>
    public static int SleepIgnoringCancellation(int milliseconds)
    {
        Thread.Sleep(milliseconds);
        return milliseconds;
    }

    /// <summary>Calls of <see cref="WaitForCancellationAsync"/> waiting right now.</summary>
    public static int Waiting() => Volatile.Read(ref waiting);

    /// <summary>Blocks a thread until <see cref="ToolContext.CancellationToken"/> fires, recording it under <paramref name="marker"/>.</summary>
    public static string BlockUntilCancelled(string marker)
    {
        var token = ToolContext.CancellationToken;
        Signal(Started, marker);
        token.WaitHandle.WaitOne();
        Signal(Cancelled, marker);
        return "cancelled";
    }

    /// <summary>True once the call marked <paramref name="marker"/> has started (waits up to the timeout).</summary>
    public static Task<bool> HasStartedAsync(string marker, int timeoutMilliseconds) => SeenAsync(Started, marker, timeoutMilliseconds);

    /// <summary>True once the call marked <paramref name="marker"/> saw its token fire (waits up to the timeout).</summary>
    public static Task<bool> WasCancelledAsync(string marker, int timeoutMilliseconds) => SeenAsync(Cancelled, marker, timeoutMilliseconds);

    /// <summary>Holds one of the agent's concurrency slots for <paramref name="milliseconds"/>, tracking the peak.</summary>
    public static async Task<int> OccupyAsync(int milliseconds)
    {
        var now = Interlocked.Increment(ref running);
        int seen;
        while (now > (seen = Volatile.Read(ref peak)) && Interlocked.CompareExchange(ref peak, now, seen) != seen)
        {
        }
        await Task.Delay(milliseconds);
        Interlocked.Decrement(ref running);
        return now;
    }

    /// <summary>The most calls of <see cref="OccupyAsync"/> running at once so far; resets the count.</summary>
    public static int TakePeakConcurrency() => Interlocked.Exchange(ref peak, 0);

    /// <summary>A result of <paramref name="length"/> random (incompressible) bytes.</summary>
    public static byte[] Blob(int length)
    {
        var bytes = GC.AllocateUninitializedArray<byte>(length);
        Random.Shared.NextBytes(bytes);
        return bytes;
    }

    /// <summary>The length of an uploaded argument (a large request travels in chunks too).</summary>
    public static int Length(byte[] data) => data.Length;

    public static void Exit(int code) => Environment.Exit(code);

    /// <summary>
    /// Replaces the agent's protocol output with /dev/null — to the host, the agent closed its stdout while it keeps
    /// running. The protocol output is the only pipe this process holds just the write end of.
    /// </summary>
    public static int CloseProtocolOutput()
    {
        var pipes = new List<(int Fd, string Inode, bool Write)>();
        foreach (var entry in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
        {
            if (!int.TryParse(Path.GetFileName(entry), out var fd)) continue;
            var target = new FileInfo(entry).LinkTarget;
            if (target is null || !target.StartsWith("pipe:", StringComparison.Ordinal)) continue;
            var flags = File.ReadLines($"/proc/self/fdinfo/{fd}").FirstOrDefault(l => l.StartsWith("flags:", StringComparison.Ordinal)) ?? "";
            var mode = Convert.ToInt32(flags["flags:".Length..].Trim(), 8) & 3;
            pipes.Add((fd, target, mode == 1));
        }
        var closed = 0;
        foreach (var pipe in pipes.Where(p => p.Write && !pipes.Any(q => q.Inode == p.Inode && !q.Write)))
        {
            var devNull = Open("/dev/null", 1);
            Dup2(devNull, pipe.Fd);
            Close(devNull);
            closed++;
        }
        return closed;
    }

    private static void Signal(ConcurrentDictionary<string, TaskCompletionSource> seen, string marker) =>
        seen.GetOrAdd(marker, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    private static async Task<bool> SeenAsync(ConcurrentDictionary<string, TaskCompletionSource> seen, string marker, int timeoutMilliseconds)
    {
        var task = seen.GetOrAdd(marker, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        return await Task.WhenAny(task, Task.Delay(timeoutMilliseconds)) == task;
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "dup2")]
    private static partial int Dup2(int from, int to);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
