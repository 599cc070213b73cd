using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Rmote.TestTools.Streaming;

/// <summary>
/// Streaming tools for the tests in Rmote.Integration.Tests/Streaming: counters, a producer that would make as much as
/// asked (to show the consumer's pace bounds it), failures mid-stream, and a tool that records its cancellation and
/// its finally block so the host can ask what happened on the agent.
/// </summary>
[Tool]
public static class StreamTools
{
    private static readonly ConcurrentDictionary<string, string> Events = new(StringComparer.Ordinal);
    private static long produced;

    /// <summary>0, 1, …, count − 1.</summary>
    public static async IAsyncEnumerable<int> Count(int count, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return i;
        }
        await Task.CompletedTask;
    }

    /// <summary>Small records, for throughput.</summary>
    public static async IAsyncEnumerable<StreamRecord> Records(int count)
    {
        for (var i = 0; i < count; i++) yield return new StreamRecord(i, "item");
        await Task.CompletedTask;
    }

    /// <summary>
    /// <paramref name="chunks"/> chunks of <paramref name="chunkSize"/> bytes (1 GiB in the flow-control test), counting
    /// what it produced in <see cref="Produced"/>; each chunk is a new array, as a real reader would make.
    /// </summary>
    public static async IAsyncEnumerable<byte[]> Chunks(int chunkSize, long chunks, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Interlocked.Exchange(ref produced, 0);
        for (long i = 0; i < chunks; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var chunk = new byte[chunkSize];
            chunk[0] = (byte)i;
            Interlocked.Increment(ref produced);
            yield return chunk;
        }
        await Task.CompletedTask;
    }

    /// <summary>How many chunks the running or last <see cref="Chunks"/> produced.</summary>
    public static long Produced() => Interlocked.Read(ref produced);

    /// <summary>The agent's managed heap and working set, in MiB.</summary>
    public static long WorkingSetMib() => Environment.WorkingSet / (1024 * 1024);

    /// <summary>Yields <paramref name="before"/> items, then throws <see cref="FileNotFoundException"/> for <paramref name="path"/>.</summary>
    public static async IAsyncEnumerable<string> FailAfter(int before, string path)
    {
        for (var i = 0; i < before; i++) yield return $"line {i}";
        await Task.Yield();
        throw new FileNotFoundException($"{path} vanished mid-stream", path);
    }

    /// <summary>Yields forever (one item per millisecond), recording under <paramref name="marker"/> whether its token fired and its finally ran.</summary>
    public static async IAsyncEnumerable<long> Forever(string marker, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Events[marker] = "started";
        try
        {
            for (long i = 0; ; i++)
            {
                try
                {
                    await Task.Delay(1, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    Events[marker] = "cancelled";
                    throw;
                }
                yield return i;
            }
        }
        finally
        {
            // Stopped while suspended at its yield (the agent was waiting for credit): the token has fired all the same.
            if (cancellationToken.IsCancellationRequested) Events[marker] = "cancelled";
            Events[marker] = Events[marker] + "+finally";
        }
    }

    /// <summary>
    /// <c>tail -f</c>: the lines of <paramref name="path"/> from its start, then each line appended to it, until cancelled.
    /// </summary>
    public static async IAsyncEnumerable<string> Tail(string path, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
        while (!cancellationToken.IsCancellationRequested)
        {
            if (await reader.ReadLineAsync(cancellationToken) is { } line) yield return line;
            else await Task.Delay(50, cancellationToken);
        }
    }

    /// <summary>What <see cref="Forever"/> recorded under <paramref name="marker"/> ("" when nothing yet).</summary>
    public static string EventsOf(string marker) => Events.TryGetValue(marker, out var state) ? state : "";
}

/// <summary>A small streamed record.</summary>
public sealed record StreamRecord(int Index, string Name);
