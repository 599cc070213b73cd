using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Rmote.Integration.Tests.Support;

/// <summary>One record as a provider receives it.</summary>
public sealed record LogEntry(string Category, LogLevel Level, EventId EventId, string Message, Exception? Exception);

/// <summary>
/// Keeps every record logged through its factory, with category, level and event id, and lets a test await records
/// (forwarded logs arrive asynchronously, after the call that wrote them may have returned).
/// </summary>
public sealed class InMemoryLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> entries = new();
    private readonly object signal = new();
    private TaskCompletionSource changed = NewSignal();

    /// <summary>A factory logging everything (trace and up) into this provider.</summary>
    public ILoggerFactory CreateFactory() => LoggerFactory.Create(builder => builder.AddProvider(this).SetMinimumLevel(LogLevel.Trace));

    /// <summary>Every record so far, in arrival order.</summary>
    public IReadOnlyList<LogEntry> Entries => entries.ToArray();

    /// <summary>The records whose message contains <paramref name="marker"/>.</summary>
    public IReadOnlyList<LogEntry> With(string marker) => entries.Where(e => e.Message.Contains(marker, StringComparison.Ordinal)).ToArray();

    /// <summary>Waits until <paramref name="condition"/> holds for the records so far; fails the test after <paramref name="timeout"/>.</summary>
    public async Task<IReadOnlyList<LogEntry>> WaitForAsync(Func<IReadOnlyList<LogEntry>, bool> condition, TimeSpan timeout, string what)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            Task next;
            lock (signal) next = changed.Task;
            var snapshot = Entries;
            if (condition(snapshot)) return snapshot;
            try
            {
                await next.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Timed out after {timeout.TotalSeconds:0.#} s waiting for {what}; {snapshot.Count} records arrived.");
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private void Add(LogEntry entry)
    {
        entries.Enqueue(entry);
        TaskCompletionSource fired;
        lock (signal)
        {
            fired = changed;
            changed = NewSignal();
        }
        fired.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed class Logger(InMemoryLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter) =>
            owner.Add(new LogEntry(category, logLevel, eventId, formatter(state, exception), exception));
    }
}
