using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq.Expressions;
using System.Reflection;
using Rmote.Protocol.Framing;
using Rmote.Protocol.Messages;
using Rmote.Protocol.Tools;

namespace Rmote.Agent.Tests.Client;

/// <summary>
/// A minimal host written with the protocol codec: starts a real <c>dotnet Rmote.Agent.dll</c>, performs the handshake,
/// syncs tool assemblies on first use, serves dependency requests from this test's output directory and collects LOG
/// frames. It plays the host's part only as far as the agent tests need.
/// </summary>
public sealed class AgentProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(30);

    private readonly Process process;
    private readonly Stream stdin;
    private readonly FrameDecoder decoder;
    private readonly FrameEncoder encoder = new();
    private readonly SemaphoreSlim writeLock = new(1, 1);
    private readonly ConcurrentDictionary<ulong, TaskCompletionSource<Frame>> pending = new();
    private readonly ConcurrentDictionary<string, Task> synced = new();
    private Task readLoop = Task.CompletedTask;
    private long lastId;

    private AgentProcess(Process process)
    {
        this.process = process;
        stdin = process.StandardInput.BaseStream;
        decoder = new FrameDecoder(process.StandardOutput.BaseStream);
        StandardError = process.StandardError.ReadToEndAsync();
    }

    /// <summary>The path of the agent under test: the referenced project's output, copied next to this assembly.</summary>
    public static string AgentPath => Path.Combine(AppContext.BaseDirectory, "Rmote.Agent.dll");

    /// <summary>Every LOG record received, in order.</summary>
    public ConcurrentQueue<LogRecord> Logs { get; } = new();

    /// <summary>The names of the assemblies the agent asked for.</summary>
    public ConcurrentQueue<string> DependencyRequests { get; } = new();

    /// <summary>Everything the agent wrote to its stderr (must stay empty: stdio protection).</summary>
    public Task<string> StandardError { get; }

    /// <summary>Set when the stream from the agent broke the protocol.</summary>
    public Exception? ReadFailure { get; private set; }

    /// <summary>Completes when the agent's output has ended and every frame in it has been handled.</summary>
    public Task Disconnected => readLoop;

    /// <summary>The agent process.</summary>
    public Process Process => process;

    public static async Task<AgentProcess> StartAsync(params string[] arguments)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(AgentPath);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var agent = new AgentProcess(Process.Start(startInfo)!);
        using var timeout = new CancellationTokenSource(ReplyTimeout);
        await Handshake.WriteAsync(agent.stdin, timeout.Token);
        await Handshake.ReadAsync(agent.decoder, timeout.Token);
        agent.StartReading();
        return agent;
    }

    /// <summary>Calls a tool method the way the host does: arguments evaluated here, encoded by declared type.</summary>
    public async Task<T> CallAsync<T>(Expression<Func<T>> call) => (T)(await CallExpressionAsync(call.Body))!;

    /// <summary>Calls an async tool method and returns its awaited result.</summary>
    public async Task<T> CallAsync<T>(Expression<Func<Task<T>>> call) => (T)(await CallExpressionAsync(call.Body))!;

    /// <summary>Calls a void tool method.</summary>
    public Task CallAsync(Expression<Action> call) => CallExpressionAsync(call.Body);

    /// <summary>Calls <paramref name="method"/> with exactly these arguments (fewer than parameters: defaults apply).</summary>
    public async Task<object?> CallAsync(ToolMethod method, params object?[] arguments)
    {
        var response = await RequestAsync(method, arguments);
        return method.DecodeResult(response);
    }

    /// <summary>Sends the request and returns the raw response frame.</summary>
    public async Task<Frame> RequestAsync(ToolMethod method, object?[] arguments)
    {
        await EnsureSyncedAsync(method.ToolType.Assembly);
        return await SendAsync(id => method.CreateRequest(id, arguments));
    }

    /// <summary>Sends a request frame built for a fresh id and waits for its response.</summary>
    public async Task<Frame> SendAsync(Func<ulong, Frame> request)
    {
        var id = (ulong)Interlocked.Increment(ref lastId);
        var reply = new TaskCompletionSource<Frame>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending[id] = reply;
        await WriteAsync(request(id));
        return await reply.Task.WaitAsync(ReplyTimeout);
    }

    /// <summary>Writes frames as one batch.</summary>
    public async Task WriteAsync(params Frame[] frames)
    {
        await writeLock.WaitAsync();
        try
        {
            foreach (var frame in frames)
            {
                encoder.Append(frame);
            }

            await encoder.FlushAsync(stdin);
        }
        finally
        {
            writeLock.Release();
        }
    }

    /// <summary>Writes raw bytes into the agent's input.</summary>
    public async Task WriteRawAsync(byte[] bytes)
    {
        await stdin.WriteAsync(bytes);
        await stdin.FlushAsync();
    }

    /// <summary>Syncs <paramref name="assembly"/> once (racing first calls share one SYNC).</summary>
    public Task EnsureSyncedAsync(Assembly assembly) =>
        synced.GetOrAdd(assembly.GetName().Name!, _ => SyncAsync(assembly));

    /// <summary>Closes the agent's stdin and returns its exit code.</summary>
    public async Task<int> CloseInputAndWaitAsync()
    {
        stdin.Close();
        await process.WaitForExitAsync().WaitAsync(ReplyTimeout);
        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            stdin.Close();
        }
        catch (IOException)
        {
        }

        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await process.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        await readLoop.ContinueWith(_ => { }, TaskScheduler.Default);
        process.Dispose();
        encoder.Dispose();
    }

    private async Task SyncAsync(Assembly assembly)
    {
        var image = await File.ReadAllBytesAsync(assembly.Location);
        var reply = await SendAsync(id => ProtocolMessages.Sync(id, image));
        if (reply.IsException)
        {
            throw ProtocolMessages.ReadException(reply).ToException();
        }
    }

    private async Task<object?> CallExpressionAsync(Expression body)
    {
        var call = (MethodCallExpression)body;
        var arguments = call.Arguments.Select(a => Expression.Lambda<Func<object?>>(Expression.Convert(a, typeof(object))).Compile()()).ToArray();
        return await CallAsync(ToolMethod.For(call.Method), arguments);
    }

    private void StartReading() => readLoop = Task.Run(ReadLoopAsync);

    private async Task ReadLoopAsync()
    {
        try
        {
            while (await decoder.ReadFrameAsync() is { } frame)
            {
                switch (frame.Kind)
                {
                    case FrameFlags.Log:
                        Logs.Enqueue(ProtocolMessages.ReadLog(frame));
                        break;
                    case FrameFlags.Dependency when frame.IsRequest:
                        await WriteAsync(ProtocolMessages.DependencyReply(frame.Id, await ReadDependencyAsync(ProtocolMessages.ReadAssemblyName(frame))));
                        break;
                    default:
                        if (frame.IsResponse && pending.TryRemove(frame.Id, out var reply))
                        {
                            reply.TrySetResult(frame);
                        }

                        break;
                }
            }

            FailPending(new ConnectionLostException("The agent closed its output."));
        }
        catch (Exception failure)
        {
            ReadFailure = failure;
            FailPending(failure);
        }
    }

    private async Task<byte[]> ReadDependencyAsync(string fullName)
    {
        var name = new AssemblyName(fullName).Name!;
        DependencyRequests.Enqueue(name);
        var path = Path.Combine(AppContext.BaseDirectory, name + ".dll");
        return File.Exists(path) ? await File.ReadAllBytesAsync(path) : [];
    }

    private void FailPending(Exception failure)
    {
        foreach (var reply in pending.Values)
        {
            reply.TrySetException(failure);
        }
    }
}
