using System.Collections.Concurrent;
using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace Rmote.TestTools;

/// <summary>
/// Tools for the host-side integration tests (Rmote.Integration.Tests/Rpc): argument and result shapes, blocking calls
/// the test can wait for on the agent, cancellation it can observe afterwards, exceptions only the agent knows, logs,
/// and a way to make the agent exit.
/// </summary>
[Tool]
public static class HostScenarios
{
    private static readonly ConcurrentDictionary<string, Gate> Gates = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, TaskCompletionSource> Cancelled = new(StringComparer.Ordinal);
    private static int tally;

    public static int ProcessId() => Environment.ProcessId;

    // Not inlined, so its frame is in the remote stack trace (a tiny tool method can be inlined into the invoke stub).
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static string ReadFile(string path) => File.ReadAllText(path);

    public static int Sum(int[] values) => values.Sum();

    public static string Describe(string? text, int[]? values, Shape? shape) =>
        $"{text ?? "<null>"}|{(values is null ? "<null>" : string.Join(',', values))}|{(shape is null ? "<null>" : shape.Name)}";

    public static Shape Roundtrip(Shape shape) => shape;

    public static byte[] Reverse(byte[] data)
    {
        var copy = (byte[])data.Clone();
        Array.Reverse(copy);
        return copy;
    }

    public static Dictionary<string, List<int>> Group(List<int> values) =>
        values.GroupBy(v => v % 2 == 0 ? "even" : "odd").ToDictionary(g => g.Key, g => g.ToList());

    public static async ValueTask<string> ValueTaskOfT(string text)
    {
        await Task.Yield();
        return text + "!";
    }

    public static ValueTask ValueTaskVoid() => ValueTask.CompletedTask;

    public static string Defaults(string name, int count = 3, string suffix = "?") => $"{name}x{count}{suffix}";

    /// <summary>Static state: counts up per agent process.</summary>
    public static int Tally() => Interlocked.Increment(ref tally);

    /// <summary>Blocks a thread until <see cref="Release"/> (or the call's token fires): a call that stays pending.</summary>
    public static string Block(string gate)
    {
        var state = MarkStarted(gate);
        WaitHandle.WaitAny([state.Released.WaitHandle, ToolContext.CancellationToken.WaitHandle]);
        return gate;
    }

    /// <summary>Waits on the agent until <paramref name="count"/> calls marked with <paramref name="gate"/> of <paramref name="gate"/> run.</summary>
    public static async Task<bool> WaitForBlockedAsync(string gate, int count, int timeoutMilliseconds)
    {
        var state = Gates.GetOrAdd(gate, _ => new Gate());
        using var timeout = new CancellationTokenSource(timeoutMilliseconds);
        try
        {
            while (Volatile.Read(ref state.Started) < count) await state.StartedSignal.WaitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public static void Release(string gate) => Gates.GetOrAdd(gate, _ => new Gate()).Released.Set();

    /// <summary>Waits for its token (passed by the agent) and records that it fired under <paramref name="marker"/>.</summary>
    public static async Task<string> WaitForCancellationAsync(string marker, CancellationToken cancellationToken)
    {
        MarkStarted(marker);
        try
        {
            await Task.Delay(TimeSpan.FromMinutes(5), cancellationToken);
            return "not cancelled";
        }
        catch (OperationCanceledException)
        {
            Cancelled.GetOrAdd(marker, _ => new TaskCompletionSource()).TrySetResult();
            throw;
        }
    }

    /// <summary>A blocking tool that watches <see cref="ToolContext.CancellationToken"/> instead of a parameter.</summary>
    public static string SleepUntilCancelled(string marker)
    {
        var token = ToolContext.CancellationToken;
        MarkStarted(marker);
        if (token.WaitHandle.WaitOne(TimeSpan.FromMinutes(5)))
        {
            Cancelled.GetOrAdd(marker, _ => new TaskCompletionSource()).TrySetResult();
            return "cancelled";
        }
        return "not cancelled";
    }

    /// <summary>True once a call recorded its cancellation under <paramref name="marker"/> (waits up to the timeout).</summary>
    public static async Task<bool> WasCancelledAsync(string marker, int timeoutMilliseconds)
    {
        var seen = Cancelled.GetOrAdd(marker, _ => new TaskCompletionSource()).Task;
        return await Task.WhenAny(seen, Task.Delay(timeoutMilliseconds)) == seen;
    }

    public static void Exit(int code) => Environment.Exit(code);

    /// <summary>Throws one of the common BCL exceptions, built exactly as <see cref="CommonException"/> builds it.</summary>
    public static int Throw(string kind) => throw CommonException(kind);

    /// <summary>Common BCL exceptions, several of whose (string) constructors take a name rather than a message.</summary>
    public static Exception CommonException(string kind) => kind switch
    {
        "ArgumentNull" => new ArgumentNullException("path"),
        "ArgumentOutOfRange" => new ArgumentOutOfRangeException("count", 7, "must be small"),
        "ObjectDisposed" => new ObjectDisposedException("Widget"),
        "KeyNotFound" => new KeyNotFoundException("no such key"),
        "InvalidOperation" => new InvalidOperationException("not now"),
        "UnauthorizedAccess" => new UnauthorizedAccessException("go away"),
        "NotSupported" => new NotSupportedException("never"),
        "Format" => new FormatException("bad format"),
        _ => new ArgumentException($"unknown kind {kind}", nameof(kind)),
    };

    /// <summary>Throws an exception whose type exists only in this agent process (emitted at run time).</summary>
    public static int ThrowAgentOnly(string message) => throw (Exception)Activator.CreateInstance(AgentOnlyExceptionType.Value, message)!;

    /// <summary>Logs <paramref name="count"/> information records tagged with <paramref name="marker"/>.</summary>
    public static int LogBurst(string marker, int count)
    {
        var logger = ToolContext.CreateLogger("HostTests.Burst");
        for (var i = 0; i < count; i++) logger.LogInformation("{Marker} record {Index}", marker, i);
        return count;
    }

    /// <summary>One record of each interesting kind, tagged with <paramref name="marker"/>.</summary>
    public static void LogShapes(string marker)
    {
        var logger = ToolContext.CreateLogger("HostTests.Shapes");
        logger.LogDebug(new EventId(11, "debugged"), "{Marker} debug {Value}", marker, 1.5);
        logger.LogWarning(new EventId(12), "{Marker} warning for {User}", marker, "alice");
        logger.LogError(new EventId(13, "failed"), new InvalidOperationException("attached failure"), "{Marker} error", marker);
    }

    private static Gate MarkStarted(string gate)
    {
        var state = Gates.GetOrAdd(gate, _ => new Gate());
        Interlocked.Increment(ref state.Started);
        state.StartedSignal.Release();
        return state;
    }

    private static readonly Lazy<Type> AgentOnlyExceptionType = new(() =>
    {
        var assembly = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("Rmote.AgentOnly.Dynamic"), AssemblyBuilderAccess.RunAndCollect);
        var type = assembly.DefineDynamicModule("Rmote.AgentOnly.Dynamic")
            .DefineType("Rmote.AgentOnly.AgentOnlyException", TypeAttributes.Public | TypeAttributes.Sealed, typeof(Exception));
        var ctor = type.DefineConstructor(MethodAttributes.Public, CallingConventions.Standard, [typeof(string)]);
        var il = ctor.GetILGenerator();
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Call, typeof(Exception).GetConstructor([typeof(string)])!);
        il.Emit(OpCodes.Ret);
        return type.CreateType();
    });

    private sealed class Gate
    {
        public readonly ManualResetEventSlim Released = new();
        public readonly SemaphoreSlim StartedSignal = new(0);
        public int Started;
    }
}

/// <summary>A tool class whose methods all come from a non-tool base class.</summary>
[Tool]
public sealed class InheritingTool : ToolHelpers
{
}

/// <summary>Not a tool: helpers that <see cref="InheritingTool"/> exposes.</summary>
public class ToolHelpers
{
    public static string Shout(string text) => text.ToUpperInvariant();
}

public enum Color
{
    Red,
    Green,
    Blue,
}

public sealed record Shape(
    string Name,
    Color Color,
    int[] Sides,
    List<string> Tags,
    Dictionary<string, double> Metrics,
    byte[] Blob,
    DateTimeOffset Created,
    Guid Id,
    int? Optional,
    Shape? Child);
