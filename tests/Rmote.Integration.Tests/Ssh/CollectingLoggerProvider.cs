using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Rmote.Integration.Tests.Ssh;

/// <summary>Keeps every formatted log message, so a test can assert what the transport reported.</summary>
internal sealed class CollectingLoggerProvider : ILoggerProvider, ILogger
{
    private readonly ConcurrentQueue<string> _messages = new();

    /// <summary>The messages so far, in order.</summary>
    public IReadOnlyList<string> Messages => _messages.ToArray();

    /// <summary>A factory logging everything (trace and up) into this provider.</summary>
    public ILoggerFactory CreateFactory() =>
        LoggerFactory.Create(builder => builder.AddProvider(this).SetMinimumLevel(LogLevel.Trace));

    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
        Func<TState, Exception?, string> formatter) => _messages.Enqueue(formatter(state, exception));

    public void Dispose() { }
}
