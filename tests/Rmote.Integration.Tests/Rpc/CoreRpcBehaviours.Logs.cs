using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Rmote.Integration.Tests.Support;
using Rmote.TestTools;

namespace Rmote.Integration.Tests.Rpc;

// Forwarded logs: into the host's ILoggerFactory, category "Rmote.Remote.<category>", nothing lost, nothing blocked.
public abstract partial class CoreRpcBehaviours
{
    [Fact]
    public async Task Remote_log_records_arrive_with_category_level_event_id_message_and_exception()
    {
        var connection = await SharedAsync();
        var marker = Guid.NewGuid().ToString("N");

        await connection.CallAsync(() => HostScenarios.LogShapes(marker));
        var records = await SharedLogs.WaitForAsync(all => all.Count(e => e.Message.Contains(marker)) >= 3, Bounds.Generous, "3 forwarded records");

        var mine = records.Where(e => e.Message.Contains(marker, StringComparison.Ordinal)).ToArray();
        Assert.All(mine, e => Assert.Equal("Rmote.Remote.HostTests.Shapes", e.Category));
        Assert.Collection(mine,
            debug =>
            {
                Assert.Equal(LogLevel.Debug, debug.Level);
                Assert.Equal(new EventId(11, "debugged"), debug.EventId);
                Assert.Equal($"{marker} debug 1.5", debug.Message);
            },
            warning =>
            {
                Assert.Equal(LogLevel.Warning, warning.Level);
                Assert.Equal(12, warning.EventId.Id);
                Assert.Equal($"{marker} warning for alice", warning.Message);
            },
            error =>
            {
                Assert.Equal(LogLevel.Error, error.Level);
                Assert.Equal(new EventId(13, "failed"), error.EventId);
                Assert.StartsWith($"{marker} error", error.Message, StringComparison.Ordinal);
                Assert.Contains("System.InvalidOperationException: attached failure", error.Message, StringComparison.Ordinal);
            });
    }

    [Fact]
    public async Task Ten_thousand_records_from_one_call_all_arrive_and_other_calls_stay_responsive()
    {
        var connection = await SharedAsync();
        var marker = Guid.NewGuid().ToString("N");
        const int count = 10_000;

        var burst = connection.CallAsync(() => HostScenarios.LogBurst(marker, count));
        var slowest = TimeSpan.Zero;
        var probes = 0;
        while (!burst.IsCompleted || probes < 3)
        {
            var clock = Stopwatch.StartNew();
            Assert.Equal(probes + 1, await connection.CallAsync(() => Calc.Add(probes, 1)).Within(Bounds.Generous, "A call during a log burst"));
            slowest = clock.Elapsed > slowest ? clock.Elapsed : slowest;
            probes++;
        }
        Assert.Equal(count, await burst.Within(Bounds.Generous, "The logging call"));

        var records = await SharedLogs.WaitForAsync(all => all.Count(e => e.Message.Contains(marker)) >= count, Bounds.Generous, $"{count} forwarded records");
        var mine = records.Where(e => e.Message.Contains(marker, StringComparison.Ordinal)).ToArray();
        Assert.Equal(count, mine.Length);
        // In the order the tool wrote them.
        Assert.Equal(Enumerable.Range(0, count).Select(i => $"{marker} record {i}"), mine.Select(e => e.Message));
        Output.WriteLine($"{probes} calls during the burst; slowest {slowest.TotalMilliseconds:0} ms");
        Assert.True(slowest < TimeSpan.FromSeconds(5), $"a call during the burst took {slowest.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task A_logging_provider_that_throws_does_not_break_the_connection()
    {
        var throwing = new ThrowingLoggerProvider();
        using var factory = LoggerFactory.Create(builder => builder.AddProvider(throwing).SetMinimumLevel(LogLevel.Trace));
        var connection = await FreshAsync(new RmoteOptions { LoggerFactory = factory });
        var gate = Guid.NewGuid().ToString("N");
        var pending = connection.CallAsync(() => HostScenarios.Block(gate));
        Assert.True(await connection.CallAsync(() => HostScenarios.WaitForBlockedAsync(gate, 1, 20_000)));

        await connection.CallAsync(() => HostScenarios.LogBurst("explode", 3));
        await connection.CallAsync(() => HostScenarios.LogBurst("after", 1));
        // Records are forwarded in order: once "after" is logged, the three that threw have been handled.
        await throwing.SawAfter.Within(TimeSpan.FromSeconds(10), "Forwarding a record after three that made the provider throw");

        Assert.Equal(3, await connection.CallAsync(() => Calc.Add(1, 2)));
        await connection.CallAsync(() => HostScenarios.Release(gate));
        Assert.Equal(gate, await pending.Within(Bounds.Generous, "A call pending while logging failed"));
    }

    /// <summary>A provider whose loggers throw for records mentioning "explode" (a sink that is full or gone).</summary>
    private sealed class ThrowingLoggerProvider : ILoggerProvider
    {
        private readonly TaskCompletionSource after = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task SawAfter => after.Task;

        public ILogger CreateLogger(string categoryName) => new Throwing(this);

        public void Dispose() { }

        private sealed class Throwing(ThrowingLoggerProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var message = formatter(state, exception);
                if (message.Contains("explode", StringComparison.Ordinal)) throw new IOException("log sink is full");
                if (message.Contains("after", StringComparison.Ordinal)) owner.after.TrySetResult();
            }
        }
    }
}
