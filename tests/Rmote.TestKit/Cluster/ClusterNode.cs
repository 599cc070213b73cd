using System.Collections.Concurrent;
using System.Diagnostics;

namespace Rmote.TestKit.Cluster;

/// <summary>
/// One controller of the test cluster: a real Rmote.Cluster.Node process on its own 127.0.0.1 port, driven over its
/// stdin/stdout control protocol. Every wait is bounded; disposing kills it (and its agents) whatever happened.
/// </summary>
public sealed class ClusterNode : IAsyncDisposable
{
    private static readonly string NodeDll = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..",
        "Rmote.Cluster.Node", "bin", Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd('/'))!),
        "net10.0", "Rmote.Cluster.Node.dll"));

    private readonly Process process;
    private readonly ConcurrentDictionary<long, TaskCompletionSource<string>> waiting = new();
    private readonly TaskCompletionSource up = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<string> lines = new();
    private readonly ConcurrentQueue<string> errors = new();
    private long lastId;

    private ClusterNode(int port, IEnumerable<string> arguments)
    {
        Port = port;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(NodeDll);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        process = Process.Start(start) ?? throw new InvalidOperationException("the node did not start");
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line) Read(line); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) errors.Enqueue(line); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        // A node that dies before it is up ends the wait at once instead of after its bound.
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => up.TrySetException(new Xunit.Sdk.XunitException(
            $"node {Port} exited with {process.ExitCode} before it was up. Log tail:{Environment.NewLine}{string.Join(Environment.NewLine, errors.TakeLast(30))}"));
    }

    /// <summary>The node's Akka.Remote port.</summary>
    public int Port { get; }

    /// <summary>The node's process id (the parent of the agents it holds).</summary>
    public int ProcessId => process.Id;

    /// <summary>Whether the process has ended.</summary>
    public bool HasExited => process.HasExited;

    /// <summary>Every stdout line so far (control answers and echo lines).</summary>
    public IReadOnlyCollection<string> Lines => lines;

    /// <summary>Every stderr line so far (the node's log).</summary>
    public string Log => string.Join(Environment.NewLine, errors);

    /// <summary>Starts a node on <paramref name="port"/> joining <paramref name="seeds"/>.</summary>
    public static ClusterNode Start(int port, IReadOnlyList<int> seeds, params string[] extra) =>
        new(port, ["--port", port.ToString(), "--seeds", string.Join(',', seeds), .. extra]);

    /// <summary>Waits until the node is an Up member.</summary>
    public Task WaitUpAsync(TimeSpan limit) => Bounded(up.Task, limit, $"node {Port} up");

    /// <summary>Sends <c>VERB ARGS</c> and returns the answer (<c>ok …</c> or <c>err TYPE …</c>).</summary>
    public async Task<string> CommandAsync(string command, TimeSpan limit)
    {
        var id = Interlocked.Increment(ref lastId);
        var answer = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        waiting[id] = answer;
        lock (process) process.StandardInput.WriteLine($"{id} {command}");
        return await Bounded(answer.Task, limit, $"'{command}' on node {Port}");
    }

    /// <summary>Starts <c>VERB ARGS</c> and returns the task of its answer, unbounded (the caller bounds it).</summary>
    public Task<string> Begin(string command)
    {
        var id = Interlocked.Increment(ref lastId);
        var answer = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        waiting[id] = answer;
        lock (process) process.StandardInput.WriteLine($"{id} {command}");
        return answer.Task;
    }

    /// <summary>SIGKILL: no shutdown of any kind.</summary>
    public void Kill() => process.Kill(entireProcessTree: false);

    /// <summary>Graceful leave: asks the node to run CoordinatedShutdown and waits for the process to end.</summary>
    public async Task LeaveAsync(TimeSpan limit)
    {
        lock (process) process.StandardInput.WriteLine("0 leave");
        await Bounded(process.WaitForExitAsync(), limit, $"node {Port} leaving");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception)
        {
            // Gone already, or it will be reaped with the test process.
        }
        foreach (var pending in waiting.Values) pending.TrySetCanceled();
        process.Dispose();
    }

    private void Read(string line)
    {
        lines.Enqueue(line);
        if (line.StartsWith("up ", StringComparison.Ordinal)) up.TrySetResult();
        else if (line.StartsWith("R ", StringComparison.Ordinal))
        {
            var parts = line.Split(' ', 3);
            if (long.TryParse(parts[1], out var id) && waiting.TryRemove(id, out var answer)) answer.TrySetResult(parts.Length > 2 ? parts[2] : "");
        }
    }

    private async Task<T> Bounded<T>(Task<T> task, TimeSpan limit, string what)
    {
        await Bounded((Task)task, limit, what);
        return await task;
    }

    private async Task Bounded(Task task, TimeSpan limit, string what)
    {
        try
        {
            await task.WaitAsync(limit);
        }
        catch (TimeoutException) when (!task.IsCompleted)
        {
            var tail = string.Join(Environment.NewLine, errors.TakeLast(30));
            throw new Xunit.Sdk.XunitException($"{what} did not complete within {limit.TotalSeconds:0.#} s (exited: {process.HasExited}). Log tail:{Environment.NewLine}{tail}");
        }
    }
}
