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
    /// <remarks>
    /// A tool returning <c>ValueTask</c> or <c>ValueTask&lt;T&gt;</c> binds to this overload with <c>T</c> the ValueTask
    /// type; it has been awaited on the agent, so the ValueTask returned here is already complete.
    /// </remarks>
    public async Task<T> CallAsync<T>(Expression<Func<T>> call, CancellationToken cancellationToken = default) =>
        CallResult.As<T>(await InvokeAsync(call, cancellationToken).ConfigureAwait(false));

    /// <summary>Calls an asynchronous tool method returning <c>Task&lt;T&gt;</c> and returns its result.</summary>
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
        if (CallResult.ToolToken(arguments) is not { } toolToken || toolToken == cancellationToken)
            return await session.InvokeAsync(method, arguments, timeout: null, cancellationToken).ConfigureAwait(false);
        // The agent gives the tool the call's own token; a token the caller passed to the tool in the expression
        // must still cancel the call (and through it the tool), as it would if the tool ran here.
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, toolToken);
        return await session.InvokeAsync(method, arguments, timeout: null, linked.Token).ConfigureAwait(false);
    }

    /// <summary>Number of tool assemblies sent to the current agent (diagnostics and tests).</summary>
    internal int SyncCount => holder.GetAsync(CancellationToken.None) is { IsCompletedSuccessfully: true } live ? live.Result.ToolSync.SyncCount : 0;

    /// <summary>The current agent's (or ssh client's) process id, if connected.</summary>
    internal int? ProcessId => holder.GetAsync(CancellationToken.None) is { IsCompletedSuccessfully: true } live ? live.Result.ProcessId : null;
}
