using Rmote.Actors.Connection;

namespace Rmote.Actors.Tests.Support;

/// <summary>
/// A connector that starts real local agents but can be told, attempt by attempt, to fail or to wait first — so the
/// connection's states, queue and backoff can be driven from a test. Unscripted attempts start an agent.
/// </summary>
internal sealed class ScriptedConnector(IAgentConnector real) : IAgentConnector
{
    private readonly Queue<Func<CancellationToken, Task>> script = new();
    private int attempts;

    public string Target => real.Target;

    /// <summary>How many times the connection asked for an agent.</summary>
    public int Attempts => Volatile.Read(ref attempts);

    /// <summary>The next attempt fails with <paramref name="failure"/>.</summary>
    public ScriptedConnector ThenFail(Exception failure) => Then(_ => Task.FromException(failure));

    /// <summary>The next attempt waits for <paramref name="gate"/> before it starts the agent.</summary>
    public ScriptedConnector ThenWaitFor(Task gate) => Then(ct => gate.WaitAsync(ct));

    /// <summary>The next attempt waits for <paramref name="gate"/>, then fails with <paramref name="failure"/>.</summary>
    public ScriptedConnector ThenFailAfter(Task gate, Exception failure) => Then(async ct =>
    {
        await gate.WaitAsync(ct).ConfigureAwait(false);
        throw failure;
    });

    /// <summary>The next attempt starts an agent at once.</summary>
    public ScriptedConnector ThenSucceed() => Then(_ => Task.CompletedTask);

    /// <summary>Every later attempt fails with <paramref name="failure"/>.</summary>
    public ScriptedConnector AlwaysFail(Exception failure)
    {
        for (var i = 0; i < 1000; i++) ThenFail(failure);
        return this;
    }

    public async Task<IAgentTransport> ConnectAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref attempts);
        Func<CancellationToken, Task>? step;
        lock (script) script.TryDequeue(out step);
        if (step is not null) await step(cancellationToken).ConfigureAwait(false);
        return await real.ConnectAsync(cancellationToken).ConfigureAwait(false);
    }

    private ScriptedConnector Then(Func<CancellationToken, Task> step)
    {
        lock (script) script.Enqueue(step);
        return this;
    }
}
