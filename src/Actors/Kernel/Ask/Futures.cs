namespace Rmote.Actors;

/// <summary>Request/reply with actors from any code: <c>var reply = await actor.Ask&lt;Reply&gt;(request, timeout)</c>.</summary>
public static class Futures
{
    /// <summary>
    /// Sends <paramref name="message"/> with a temporary sender and returns its first reply. A
    /// <see cref="Status.Failure"/> reply throws its cause; a reply of another type throws <see cref="ArgumentException"/>.
    /// </summary>
    /// <param name="target">Who to ask.</param>
    /// <param name="message">The request.</param>
    /// <param name="timeout">How long to wait; <see langword="null"/> uses <see cref="ActorSystemSettings.AskTimeout"/>.</param>
    /// <exception cref="AskTimeoutException">No reply within the timeout.</exception>
    public static Task<T> Ask<T>(this IActorRef target, object message, TimeSpan? timeout = null) =>
        Ask<T>(target, message, timeout, CancellationToken.None);

    /// <summary>As <see cref="Ask{T}(IActorRef, object, TimeSpan?)"/>, cancelled by <paramref name="cancellationToken"/>.</summary>
    public static Task<T> Ask<T>(this IActorRef target, object message, CancellationToken cancellationToken) =>
        Ask<T>(target, message, null, cancellationToken);

    /// <summary>As <see cref="Ask{T}(IActorRef, object, TimeSpan?)"/>, also cancelled by <paramref name="cancellationToken"/>.</summary>
    public static async Task<T> Ask<T>(this IActorRef target, object message, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(message);
        var system = (target as ActorRefBase ?? throw new ArgumentException(
            $"{target} is not a reference created by an ActorSystem.", nameof(target))).System;
        var wait = timeout ?? system.Settings.AskTimeout ?? Timeout.InfiniteTimeSpan;
        var promise = new PromiseActorRef<T>(system);
        target.Tell(message, promise);
        if (wait == Timeout.InfiniteTimeSpan && !cancellationToken.CanBeCanceled) return await promise.Task.ConfigureAwait(false);
        try
        {
            return await promise.Task.WaitAsync(wait, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException && !promise.Task.IsCompleted)
        {
            // A reply that arrives at the same moment as the timeout or cancellation still wins.
            if (!promise.TryAbandon()) return await promise.Task.ConfigureAwait(false);
            if (e is OperationCanceledException) throw;
            throw new AskTimeoutException(
                $"Ask of {message.GetType().Name} to {target.Path} timed out after {wait.TotalMilliseconds:F0} ms.");
        }
    }
}
