using System.Diagnostics;
using System.Linq.Expressions;
using Rmote.Actors.Invocation;
using Rmote.Actors.Links;
using Rmote.Connections;
using Rmote.Protocol.Tools;

namespace Rmote;

public sealed partial class RmoteConnection
{
    /// <summary>
    /// Calls a tool method on the agent and returns its result: <c>await conn.CallAsync(() =&gt; SystemInfo.Hostname())</c>.
    /// The arguments are evaluated here; the tool's assembly is sent on its first use on this connection. While the
    /// connection is reconnecting the call waits for the new agent (bounded by the call timeout and the token).
    /// </summary>
    /// <exception cref="ArgumentException">The expression is not a call of a public static method of a [Tool] class.</exception>
    /// <exception cref="ConnectionLostException">The agent went away before answering (the call is not replayed).</exception>
    /// <exception cref="TimeoutException">The call timeout (<see cref="RmoteOptions.CallTimeout"/>) passed; the tool is cancelled on the agent.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; the tool is cancelled on the agent.</exception>
    /// <exception cref="ObjectDisposedException">The connection was disposed.</exception>
    /// <remarks>
    /// A tool returning <c>ValueTask</c> or <c>ValueTask&lt;T&gt;</c> binds to this overload with <c>T</c> the ValueTask
    /// type; it has been awaited on the agent, so the ValueTask returned here is already complete.
    /// </remarks>
    public async Task<T> CallAsync<T>(Expression<Func<T>> call, CancellationToken cancellationToken = default) =>
        CallResult.As<T>(await InvokeAsync(call, null, cancellationToken).ConfigureAwait(false));

    /// <summary>Calls an asynchronous tool method returning <c>Task&lt;T&gt;</c> and returns its result.</summary>
    /// <inheritdoc cref="CallAsync{T}(Expression{Func{T}}, CancellationToken)" path="/exception"/>
    public async Task<T> CallAsync<T>(Expression<Func<Task<T>>> call, CancellationToken cancellationToken = default) =>
        (T)(await InvokeAsync(call, null, cancellationToken).ConfigureAwait(false))!;

    /// <summary>Calls a tool method returning <c>void</c>; completes when it has run on the agent.</summary>
    /// <inheritdoc cref="CallAsync{T}(Expression{Func{T}}, CancellationToken)" path="/exception"/>
    public Task CallAsync(Expression<Action> call, CancellationToken cancellationToken = default) =>
        InvokeAsync(call, null, cancellationToken);

    /// <summary>Calls an asynchronous tool method returning <c>Task</c>; completes when it has completed on the agent.</summary>
    /// <inheritdoc cref="CallAsync{T}(Expression{Func{T}}, CancellationToken)" path="/exception"/>
    public Task CallAsync(Expression<Func<Task>> call, CancellationToken cancellationToken = default) =>
        InvokeAsync(call, null, cancellationToken);

    /// <summary>
    /// Calls a tool method with its own timeout instead of <see cref="RmoteOptions.CallTimeout"/>. When
    /// <paramref name="timeout"/> passes the call ends at once with <see cref="TimeoutException"/>, CANCEL is sent and
    /// the tool's <see cref="ToolContext.CancellationToken"/> (or its <see cref="CancellationToken"/> parameter) fires on
    /// the agent; a reply arriving later is dropped. <see cref="Timeout.InfiniteTimeSpan"/> means no timeout.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is zero or negative (and not infinite).</exception>
    /// <inheritdoc cref="CallAsync{T}(Expression{Func{T}}, CancellationToken)" path="/exception"/>
    public async Task<T> CallAsync<T>(Expression<Func<T>> call, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        CallResult.As<T>(await InvokeAsync(call, CallTimeout(timeout), cancellationToken).ConfigureAwait(false));

    /// <summary>Calls an asynchronous tool method returning <c>Task&lt;T&gt;</c> with its own timeout.</summary>
    /// <inheritdoc cref="CallAsync{T}(Expression{Func{T}}, TimeSpan, CancellationToken)"/>
    public async Task<T> CallAsync<T>(Expression<Func<Task<T>>> call, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        (T)(await InvokeAsync(call, CallTimeout(timeout), cancellationToken).ConfigureAwait(false))!;

    /// <summary>Calls a tool method returning <c>void</c> with its own timeout.</summary>
    /// <inheritdoc cref="CallAsync{T}(Expression{Func{T}}, TimeSpan, CancellationToken)"/>
    public Task CallAsync(Expression<Action> call, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        InvokeAsync(call, CallTimeout(timeout), cancellationToken);

    /// <summary>Calls an asynchronous tool method returning <c>Task</c> with its own timeout.</summary>
    /// <inheritdoc cref="CallAsync{T}(Expression{Func{T}}, TimeSpan, CancellationToken)"/>
    public Task CallAsync(Expression<Func<Task>> call, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        InvokeAsync(call, CallTimeout(timeout), cancellationToken);

    private async Task<object?> InvokeAsync(LambdaExpression call, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var (method, arguments) = ToolCallParser.Parse(call);
        var payload = method.EncodeArguments(arguments);
        var limit = timeout == Timeout.InfiniteTimeSpan ? null : timeout ?? settings.CallTimeout;
        if (CallResult.ToolToken(arguments) is not { } toolToken || toolToken == cancellationToken)
            return await InvokeOnLinkAsync(method, payload, limit, cancellationToken).ConfigureAwait(false);
        // The agent gives the tool the call's own token; a token the caller passed to the tool in the expression
        // must still cancel the call (and through it the tool), as it would if the tool ran here.
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, toolToken);
        return await InvokeOnLinkAsync(method, payload, limit, linked.Token).ConfigureAwait(false);
    }

    private async Task<object?> InvokeOnLinkAsync(ToolMethod method, byte[] arguments, TimeSpan? limit, CancellationToken cancellationToken)
    {
        var current = holder.GetAsync(cancellationToken);
        if (current.IsCompletedSuccessfully)
            return await current.Result.InvokeAsync(method, arguments, limit, cancellationToken).ConfigureAwait(false);

        // Connecting or reconnecting: the wait counts against the call's timeout.
        var started = Stopwatch.GetTimestamp();
        var link = await WaitForLinkAsync(current, limit, cancellationToken).ConfigureAwait(false);
        var left = limit - Stopwatch.GetElapsedTime(started);
        if (left <= TimeSpan.Zero) throw ReconnectTimedOut(limit!.Value);
        return await link.InvokeAsync(method, arguments, left, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Link> WaitForLinkAsync(ValueTask<Link> pending, TimeSpan? limit, CancellationToken cancellationToken)
    {
        if (limit is not { } span) return await pending.ConfigureAwait(false);
        try
        {
            return await pending.AsTask().WaitAsync(span, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw ReconnectTimedOut(span);
        }
    }

    private TimeoutException ReconnectTimedOut(TimeSpan limit) =>
        new($"The call to {Target} did not complete within {limit.TotalMilliseconds:0} ms: no agent was connected (state {State}).");

    // Infinite stays infinite here (it overrides RmoteOptions.CallTimeout); InvokeAsync turns it into "no limit".
    private static TimeSpan CallTimeout(TimeSpan timeout) => ConnectionSettingsFactory.CheckTimeout(timeout, nameof(timeout)) ?? Timeout.InfiniteTimeSpan;

    /// <summary>Number of tool assemblies sent to the current agent (diagnostics and tests).</summary>
    internal int SyncCount => holder.Live?.ToolSync.SyncCount ?? 0;

    /// <summary>The current agent's (or ssh client's) process id, if connected.</summary>
    internal int? ProcessId => holder.Live?.ProcessId;
}
