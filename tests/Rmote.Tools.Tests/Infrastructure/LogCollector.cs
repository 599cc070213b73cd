using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Rmote.Tools.Tests.Infrastructure;

/// <summary>Collects every record the host logs (forwarded agent records included) and lets a test await one.</summary>
public sealed class LogCollector : ILoggerProvider
{
    private readonly ConcurrentQueue<Record> records = new();
    private readonly SemaphoreSlim arrived = new(0);

    public sealed record Record(string Category, LogLevel Level, string Message);

    public IReadOnlyList<Record> Records => records.ToArray();

    public ILoggerFactory CreateFactory() => LoggerFactory.Create(builder => builder.AddProvider(this).SetMinimumLevel(LogLevel.Trace));

    /// <summary>Waits (bounded) for a record matching <paramref name="match"/>.</summary>
    public async Task<Record> WaitForAsync(Func<Record, bool> match, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            if (records.FirstOrDefault(match) is { } found) return found;
            await arrived.WaitAsync(deadline.Token);
        }
    }

    public ILogger CreateLogger(string categoryName) => new Sink(this, categoryName);

    public void Dispose() => arrived.Dispose();

    private sealed class Sink(LogCollector owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            owner.records.Enqueue(new Record(category, logLevel, formatter(state, exception)));
            owner.arrived.Release();
        }
    }
}
