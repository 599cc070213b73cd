using Microsoft.Extensions.Logging;

namespace Rmote.Integration.Tests.Docs;

#region snippet:quickstart-tool
[Tool]
public static class Inventory
{
    public static string Hostname() => Environment.MachineName;

    public static MachineFacts Facts() => new(Environment.MachineName, Environment.ProcessorCount, Environment.Version.ToString());

    public static async Task<long> DirectorySizeAsync(string path, CancellationToken cancellationToken)
    {
        await Task.Yield();
        return new DirectoryInfo(path).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
    }

    public static string ReadText(string path)
    {
        ToolContext.CreateLogger("Inventory").LogInformation("reading {Path}", path);
        return File.ReadAllText(path);
    }
}

public sealed record MachineFacts(string Name, int Cores, string Runtime);
#endregion

/// <summary>Runs every snippet of docs/quickstart.md against a real local agent.</summary>
public sealed class QuickstartSnippets
{
    [Fact]
    public async Task Connect_call_and_dispose()
    {
        #region snippet:quickstart-connect
        await using var connection = await RmoteConnection.StartLocalAsync();

        string hostname = await connection.CallAsync(() => Inventory.Hostname());
        MachineFacts facts = await connection.CallAsync(() => Inventory.Facts());
        Console.WriteLine($"{hostname}: {facts.Cores} cores, .NET {facts.Runtime}");
        #endregion

        Assert.Equal(Environment.MachineName, hostname);
        Assert.Equal(Environment.ProcessorCount, facts.Cores);
    }

    [Fact]
    public async Task Concurrent_calls_arguments_and_cancellation()
    {
        await using var connection = await RmoteConnection.StartLocalAsync();
        // Two directories of bounded size (not /tmp: on a shared machine it can hold millions of files).
        var directories = new[] { AppContext.BaseDirectory, System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory() };

        #region snippet:quickstart-concurrent
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        long[] sizes = await Task.WhenAll(directories.Select(dir =>
            connection.CallAsync(() => Inventory.DirectorySizeAsync(dir, cancel.Token), cancel.Token)));
        #endregion

        Assert.Equal(2, sizes.Length);
        Assert.True(sizes[0] > 0);
    }

    [Fact]
    public async Task Remote_exceptions_keep_their_type()
    {
        await using var connection = await RmoteConnection.StartLocalAsync();
        var message = "";

        #region snippet:quickstart-exceptions
        try
        {
            await connection.CallAsync(() => Inventory.ReadText("/no/such/file"));
        }
        catch (DirectoryNotFoundException e)
        {
            // The agent's exception, rebuilt with its type, message and remote stack trace.
            message = e.Message;
        }
        #endregion

        Assert.Contains("/no/such/file", message);
    }

    [Fact]
    public async Task Remote_logs_arrive_in_the_host_logger()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, "hello");
        var lines = new List<string>();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(new ListLoggerProvider(lines)));
        try
        {
            #region snippet:quickstart-logging
            var options = new RmoteOptions { LoggerFactory = loggerFactory, CallTimeout = TimeSpan.FromMinutes(1) };
            await using var connection = await RmoteConnection.StartLocalAsync(options);
            await connection.CallAsync(() => Inventory.ReadText(file));
            // logged on the host as category "Rmote.Remote.Inventory": "reading /tmp/…"
            #endregion
        }
        finally
        {
            File.Delete(file);
        }

        lock (lines) Assert.Contains(lines, l => l == $"Rmote.Remote.Inventory|Information|reading {file}");
    }

    private sealed class ListLoggerProvider(List<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new ListLogger(categoryName, lines);

        public void Dispose()
        {
        }

        private sealed class ListLogger(string category, List<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (lines) lines.Add($"{category}|{logLevel}|{formatter(state, exception)}");
            }
        }
    }
}
