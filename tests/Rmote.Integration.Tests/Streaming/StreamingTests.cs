using System.Diagnostics;
using Rmote.Integration.Tests.Support;
using Rmote.TestTools;
using Rmote.TestTools.Streaming;

namespace Rmote.Integration.Tests.Streaming;

/// <summary>
/// Streaming tool methods over a real local agent: items arrive in order, a paused consumer pauses the producer
/// (1 GiB could be produced; only a window is), leaving the loop stops the tool (its token fires, its finally runs), a
/// failure mid-stream arrives with its type after the items before it, and a dying agent ends the enumeration with
/// <see cref="ConnectionLostException"/>.
/// </summary>
public sealed class StreamingTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = Bounds.Generous;
    private readonly List<RmoteConnection> connections = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var connection in connections) await connection.DisposeAsync().AsTask().Within(Bound, "DisposeAsync");
    }

    [Fact]
    public async Task Items_arrive_in_order_and_the_stream_ends()
    {
        var connection = await StartAsync();
        var items = await CollectAsync(connection.StreamAsync(() => StreamTools.Count(1000))).Within(Bound, "the stream");
        Assert.Equal(Enumerable.Range(0, 1000), items);

        // Records and an empty stream, on the same connection, after it.
        var records = await CollectAsync(connection.StreamAsync(() => StreamTools.Records(3), window: 1)).Within(Bound, "records");
        Assert.Equal([new StreamRecord(0, "item"), new StreamRecord(1, "item"), new StreamRecord(2, "item")], records);
        Assert.Empty(await CollectAsync(connection.StreamAsync(() => StreamTools.Count(0))).Within(Bound, "an empty stream"));
    }

    [Fact]
    public async Task A_paused_consumer_pauses_the_producer_and_memory_stays_bounded()
    {
        var connection = await StartAsync();
        var idle = await connection.CallAsync(() => StreamTools.WorkingSetMib());
        const int chunk = 1024 * 1024;
        const long gib = 1024;   // 1 GiB in 1 MiB chunks if nothing held the producer back
        var stream = connection.StreamAsync(() => StreamTools.Chunks(chunk, gib), window: 8);
        await using var items = stream.GetAsyncEnumerator();
        Assert.True(await items.MoveNextAsync().AsTask().Within(Bound, "the first chunk"));

        // The consumer pauses; give the producer every chance to run ahead.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var produced = await connection.CallAsync(() => StreamTools.Produced());
        var workingSet = await connection.CallAsync(() => StreamTools.WorkingSetMib());
        Assert.InRange(produced, 1, 8 + 1);   // the window, plus the item being handed over
        Assert.True(workingSet - idle < 64, $"the agent grew by {workingSet - idle} MiB while its consumer paused");

        // And it resumes where it stopped.
        for (var i = 1; i < 100; i++)
        {
            Assert.True(await items.MoveNextAsync().AsTask().Within(Bound, $"chunk {i}"));
            Assert.Equal((byte)i, items.Current[0]);
            Assert.Equal(chunk, items.Current.Length);
        }
    }

    [Fact]
    public async Task Breaking_out_of_the_loop_cancels_the_tool_and_runs_its_finally()
    {
        var connection = await StartAsync();
        var marker = Guid.NewGuid().ToString("N");
        await foreach (var item in connection.StreamAsync(() => StreamTools.Forever(marker)))
        {
            if (item == 5) break;
        }

        Assert.Equal("cancelled+finally", await WaitForEventsAsync(connection, marker));
        // The connection is fine afterwards.
        Assert.Equal(3, await connection.CallAsync(() => Calc.Add(1, 2)));
    }

    [Fact]
    public async Task Cancelling_the_token_ends_the_enumeration_and_stops_the_tool()
    {
        var connection = await StartAsync();
        var marker = Guid.NewGuid().ToString("N");
        using var cancel = new CancellationTokenSource();
        var seen = 0;
        var enumeration = Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in connection.StreamAsync(() => StreamTools.Forever(marker)).WithCancellation(cancel.Token))
            {
                if (++seen == 3) await cancel.CancelAsync();
            }
        });
        await enumeration.Within(Bound, "the cancelled enumeration");
        Assert.Equal("cancelled+finally", await WaitForEventsAsync(connection, marker));
    }

    [Fact]
    public async Task A_failure_mid_stream_arrives_with_its_type_after_the_items_before_it()
    {
        var connection = await StartAsync();
        var seen = new List<string>();
        var failure = await Assert.ThrowsAsync<FileNotFoundException>(async () =>
        {
            await foreach (var line in connection.StreamAsync(() => StreamTools.FailAfter(3, "/var/log/gone.log"))) seen.Add(line);
        }).Within(Bound, "the failing stream");
        Assert.Equal(["line 0", "line 1", "line 2"], seen);
        Assert.Contains("vanished mid-stream", failure.Message);
    }

    [Fact]
    public async Task The_agent_dying_ends_the_enumeration_with_ConnectionLostException()
    {
        var connection = await StartAsync();
        var pid = connection.ProcessId ?? throw new InvalidOperationException("a local connection has no pid");
        var marker = Guid.NewGuid().ToString("N");
        var seen = 0;
        var enumeration = Assert.ThrowsAsync<ConnectionLostException>(async () =>
        {
            await foreach (var _ in connection.StreamAsync(() => StreamTools.Forever(marker)))
            {
                if (++seen == 3) Process.GetProcessById(pid).Kill();
            }
        });
        await enumeration.Within(Bound, "the enumeration of a dead agent's stream");
        Assert.True(seen >= 3);
    }

    [Fact]
    public async Task CallAsync_on_a_streaming_method_fails_with_ArgumentException()
    {
        var connection = await StartAsync();
        var failure = await Assert.ThrowsAsync<ArgumentException>(() => connection.CallAsync(() => StreamTools.Count(3))).Within(Bound, "the call");
        Assert.Contains("StreamAsync", failure.Message);
    }

    private async Task<RmoteConnection> StartAsync()
    {
        var connection = await RmoteConnection.StartLocalAsync().Within(Bound, "StartLocalAsync");
        connections.Add(connection);
        return connection;
    }

    private static async Task<List<T>> CollectAsync<T>(IAsyncEnumerable<T> stream)
    {
        var items = new List<T>();
        await foreach (var item in stream) items.Add(item);
        return items;
    }

    private static async Task<string> WaitForEventsAsync(RmoteConnection connection, string marker)
    {
        var clock = Stopwatch.StartNew();
        string events;
        while ((events = await connection.CallAsync(() => StreamTools.EventsOf(marker))) != "cancelled+finally" && clock.Elapsed < Bound)
            await Task.Delay(20);
        return events;
    }
}
