using System.Linq.Expressions;
using Rmote.Calls;
using Rmote.Protocol.Tools;

namespace Rmote;

public sealed partial class RmoteConnection
{
    /// <summary>
    /// Calls a tool method on the agent and returns its result: <c>await conn.CallAsync(() =&gt; SystemInfo.Hostname())</c>.
    /// The arguments are evaluated here; the tool's assembly is sent on its first use on this connection.
    /// </summary>
    /// <exception cref="ArgumentException">The expression is not a call of a public static method of a [Tool] class.</exception>
    /// <exception cref="ConnectionLostException">The agent went away before answering.</exception>
    /// <exception cref="TimeoutException">The call timeout (<see cref="RmoteOptions.CallTimeout"/>) passed.</exception>
    public async Task<T> CallAsync<T>(Expression<Func<T>> call, CancellationToken cancellationToken = default) =>
        (T)(await InvokeAsync(call, cancellationToken).ConfigureAwait(false))!;

    /// <summary>Calls an asynchronous tool method (<c>Task&lt;T&gt;</c> or <c>ValueTask&lt;T&gt;</c>) and returns its result.</summary>
    /// <inheritdoc cref="CallAsync{T}(Expression{Func{T}}, CancellationToken)" path="/exception"/>
    public async Task<T> CallAsync<T>(Expression<Func<Task<T>>> call, CancellationToken cancellationToken = default) =>
        (T)(await InvokeAsync(call, cancellationToken).ConfigureAwait(false))!;

    /// <summary>Calls a tool method returning <c>void</c>; completes when it has run on the agent.</summary>
    /// <inheritdoc cref="CallAsync{T}(Expression{Func{T}}, CancellationToken)" path="/exception"/>
    public Task CallAsync(Expression<Action> call, CancellationToken cancellationToken = default) =>
        InvokeAsync(call, cancellationToken);

    /// <summary>Calls an asynchronous tool method returning <c>Task</c>; completes when it has completed on the agent.</summary>
    /// <inheritdoc cref="CallAsync{T}(Expression{Func{T}}, CancellationToken)" path="/exception"/>
    public Task CallAsync(Expression<Func<Task>> call, CancellationToken cancellationToken = default) =>
        InvokeAsync(call, cancellationToken);

    private async Task<object?> InvokeAsync(LambdaExpression call, CancellationToken cancellationToken)
    {
        var (method, arguments) = ToolCallParser.Parse(call);
        var session = await holder.GetAsync(cancellationToken).ConfigureAwait(false);
        return await session.InvokeAsync(method, arguments, timeout: null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Number of tool assemblies sent to the current agent (diagnostics and tests).</summary>
    internal int SyncCount => holder.GetAsync(CancellationToken.None) is { IsCompletedSuccessfully: true } live ? live.Result.ToolSync.SyncCount : 0;

    /// <summary>The current agent's (or ssh client's) process id, if connected.</summary>
    internal int? ProcessId => holder.GetAsync(CancellationToken.None) is { IsCompletedSuccessfully: true } live ? live.Result.ProcessId : null;
}
