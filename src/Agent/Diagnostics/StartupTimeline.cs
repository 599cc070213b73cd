using System.Diagnostics;
using System.Runtime;
using System.Text;

namespace Rmote.Agent.Diagnostics;

/// <summary>
/// The agent's start-up profile: when <c>RMOTE_AGENT_STARTUP_LOG</c> names a file, the agent notes the time (wall clock and the process's CPU time) of each
/// step from <c>Main</c> to its first RPC response (stdio protected, ready line written, host line read, SYNC loaded,
/// first call resolved, decoded, invoked, answered) and every assembly load, together with the JIT's count and time at
/// that step, and appends
/// them to that file once the first response is queued. Unset (the default), every <see cref="Mark"/> is one static
/// field read. The breakdown in docs/concepts.md was taken with it.
/// </summary>
internal static class StartupTimeline
{
    /// <summary>The environment variable naming the file the timeline is appended to.</summary>
    public const string Variable = "RMOTE_AGENT_STARTUP_LOG";

    private const int MaxMarks = 96;

    private static readonly Lock Gate = new();
    private static string? path = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } file ? file : null;
    private static Entry[] entries = [];
    private static int count;
    private static long origin;
    private static DateTime originUtc;

    /// <summary>True until the timeline has been written (or when it is off: false).</summary>
    public static bool Active => Volatile.Read(ref path) is not null;

    /// <summary>Starts the clock; called first thing in <c>Main</c>.</summary>
    public static void Start()
    {
        if (!Active) return;
        origin = Stopwatch.GetTimestamp();
        originUtc = DateTime.UtcNow;
        entries = new Entry[MaxMarks];
        AppDomain.CurrentDomain.AssemblyLoad += (_, loaded) => Mark("load " + loaded.LoadedAssembly.GetName().Name);
        Mark("main");
    }

    /// <summary>Notes that <paramref name="step"/> is done now.</summary>
    public static void Mark(string step)
    {
        if (!Active) return;
        var entry = new Entry(step, Stopwatch.GetElapsedTime(origin), Environment.CpuUsage.TotalTime, JitInfo.GetCompiledMethodCount(), JitInfo.GetCompilationTime());
        lock (Gate)
        {
            if (count < entries.Length) entries[count++] = entry;
        }
    }

    /// <summary>Notes <paramref name="step"/> and writes the timeline (once); later calls do nothing.</summary>
    public static void Complete(string step)
    {
        if (!Active) return;
        Mark(step);
        if (Interlocked.Exchange(ref path, null) is not { } file) return;
        var text = new StringBuilder()
            .Append("rmote agent start-up, pid ").Append(Environment.ProcessId)
            .Append(", main at ").Append(originUtc.ToString("O")).Append('\n');
        lock (Gate)
        {
            foreach (var (name, at, cpu, methods, jit) in entries.AsSpan(0, count))
                text.Append($"{at.TotalMilliseconds,8:F2} ms  {name,-22} cpu {cpu.TotalMilliseconds,7:F2} ms  jit {methods,5} methods {jit.TotalMilliseconds,7:F2} ms\n");
        }
        text.Append($"assemblies {AppDomain.CurrentDomain.GetAssemblies().Length}, working set {Environment.WorkingSet / 1048576.0:F1} MiB, "
                    + $"GC heap {GC.GetTotalMemory(false) / 1048576.0:F1} MiB, threads {Process.GetCurrentProcess().Threads.Count}\n");
        try
        {
            File.AppendAllText(file, text.ToString());
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            // A profile that cannot be written must not disturb the agent.
        }
    }

    private readonly record struct Entry(string Step, TimeSpan At, TimeSpan Cpu, long JitMethods, TimeSpan JitTime);
}
