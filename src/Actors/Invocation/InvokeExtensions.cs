using System.Linq.Expressions;
using Rmote.Actors.Invocation;

namespace Rmote;

/// <summary>
/// Task-returning invokes on a connection actor (<c>RmoteProps</c>, <c>RmoteConnection.Actor</c>) from code outside an
/// actor: <c>await connection.InvokeAsync(() =&gt; SystemInfo.Hostname())</c>. Each sends one <see cref="Invoke"/>
/// and waits for its reply; the exceptions are those of <c>RmoteConnection.CallAsync</c>.
/// </summary>
public static class InvokeExtensions
{
    // The connection enforces the invoke's timeout itself (and cancels the tool); the ask only backs it up.
    private static readonly TimeSpan AskMargin = TimeSpan.FromSeconds(5);

    /// <summary>Invokes a tool method returning a value and returns its result.</summary>
    /// <param name="connection">A connection actor.</param>
    /// <param name="call">The call, e.g. <c>() =&gt; SystemInfo.Disk("/")</c>; its arguments are evaluated here.</param>
    /// <param name="timeout">Bound on the invoke (<see langword="null"/>: the connection's <c>CallTimeout</c>).</param>
    /// <param name="cancellationToken">Cancels the invoke (<see cref="CancelInvoke"/>): unsent if it still waits, else its tool's token fires on the agent.</param>
    /// <exception cref="TimeoutException">The timeout passed; the tool is cancelled on the agent.</exception>
    /// <exception cref="ConnectionLostException">The agent went away, or the connection actor has stopped.</exception>
    /// <exception cref="ArgumentException">The expression is not a call of a public static method of a [Tool] class.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired.</exception>
    public static async Task<T> InvokeAsync<T>(this IActorRef connection, Expression<Func<T>> call, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) =>
        CallResult.As<T>(await AskAsync(connection, ToolCall.Create(call), timeout, cancellationToken).ConfigureAwait(false));

    /// <summary>Invokes an asynchronous tool method returning <c>Task&lt;T&gt;</c> and returns its result.</summary>
    /// <inheritdoc cref="InvokeAsync{T}(IActorRef, Expression{Func{T}}, TimeSpan?, CancellationToken)"/>
    public static async Task<T> InvokeAsync<T>(this IActorRef connection, Expression<Func<Task<T>>> call, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) =>
        (T)(await AskAsync(connection, ToolCall.Create(call), timeout, cancellationToken).ConfigureAwait(false))!;

    /// <summary>Invokes a tool method returning <c>void</c>; completes when it has run on the agent.</summary>
    /// <inheritdoc cref="InvokeAsync{T}(IActorRef, Expression{Func{T}}, TimeSpan?, CancellationToken)"/>
    public static Task InvokeAsync(this IActorRef connection, Expression<Action> call, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) =>
        AskAsync(connection, ToolCall.Create(call), timeout, cancellationToken);

    /// <summary>Invokes an asynchronous tool method returning <c>Task</c>; completes when it has completed on the agent.</summary>
    /// <inheritdoc cref="InvokeAsync{T}(IActorRef, Expression{Func{T}}, TimeSpan?, CancellationToken)"/>
    public static Task InvokeAsync(this IActorRef connection, Expression<Func<Task>> call, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) =>
        AskAsync(connection, ToolCall.Create(call), timeout, cancellationToken);

    private static async Task<object?> AskAsync(IActorRef connection, ToolCall call, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var bound = timeout is { } span && span != Timeout.InfiniteTimeSpan && span > TimeSpan.Zero ? span + AskMargin : Timeout.InfiniteTimeSpan;
        cancellationToken.ThrowIfCancellationRequested();
        // A message to a stopped actor goes to dead letters and is never answered: watch the connection meanwhile.
        using var stopWatching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        IActorRef? asker = null;
        // The ask itself is not cancelled: it stays to take the invoke's answer (the cancellation's failure) instead
        // of leaving it to dead letters; this caller stops waiting at once.
        var reply = connection.Ask<InvokeResult>(replyTo =>
        {
            asker = replyTo;
            return new Invoke(call, 0, timeout);
        }, bound, CancellationToken.None);
        var stopped = connection.WatchAsync(stopWatching.Token);
        await using var cancelling = cancellationToken.Register(() => connection.Tell(new CancelInvoke(0), asker)).ConfigureAwait(false);
        try
        {
            // The watch ends with the caller's token too: then the invoke has been told to cancel and we stop waiting.
            var first = await Task.WhenAny(reply, stopped).ConfigureAwait(false);
            if (first == stopped && !reply.IsCompleted && stopped is { IsCompletedSuccessfully: true, Result: true })
                throw new ConnectionLostException($"The connection actor {connection.Path} has stopped; nothing was invoked.");
            if (first != reply && !reply.IsCompleted) cancellationToken.ThrowIfCancellationRequested();
            return (await reply.ConfigureAwait(false)).Value;
        }
        catch (AskTimeoutException)
        {
            throw new TimeoutException($"The invoke of {call} on {connection.Path} did not complete within {timeout!.Value.TotalMilliseconds:0} ms.");
        }
        finally
        {
            await stopWatching.CancelAsync().ConfigureAwait(false);
        }
    }
}
