using Akka.Actor;
using Akka.Event;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;
using Microsoft.Extensions.Logging;
using Rmote.Hosting;

namespace Rmote.Host.Tests.Hosting;

/// <summary>The actor system connections share when the application gives none: Akka's log goes where the user said.</summary>
public sealed class SharedActorSystemTests
{
    [Fact]
    public async Task Akka_log_events_reach_the_users_logger_factory_and_not_stdout()
    {
        var records = new List<string>();
        using var factory = LoggerFactory.Create(b => b.AddProvider(new ListProvider(records)).SetMinimumLevel(LogLevel.Trace));
        var stdout = Console.Out;
        using var captured = new StringWriter();
        Console.SetOut(captured);
        try
        {
            var system = SharedActorSystem.Create(factory);
            system.Log.Warning("marker {0}", 42);
            await WaitForAsync(() => { lock (records) return records.Any(r => r.Contains("marker 42", StringComparison.Ordinal)); });
            await system.Terminate();
        }
        finally
        {
            Console.SetOut(stdout);
        }
        lock (records) Assert.Contains(records, r => r.Contains("marker 42", StringComparison.Ordinal));
        Assert.DoesNotContain("marker", captured.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_logger_factory_the_system_is_silent()
    {
        var stdout = Console.Out;
        using var captured = new StringWriter();
        Console.SetOut(captured);
        try
        {
            var system = SharedActorSystem.Create(null);
            system.Log.Error("should go nowhere");
            await Task.Delay(200);
            await system.Terminate();
        }
        finally
        {
            Console.SetOut(stdout);
        }
        Assert.Equal("", captured.ToString());
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++) await Task.Delay(20);
    }

    private sealed class ListProvider(List<string> records) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new ListLogger(records);

        public void Dispose() { }

        private sealed class ListLogger(List<string> records) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (records) records.Add(formatter(state, exception));
            }
        }
    }
}
