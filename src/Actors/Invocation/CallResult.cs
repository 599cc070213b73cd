namespace Rmote.Actors.Invocation;

/// <summary>Adapts what a call decoded to what the caller's <c>CallAsync</c> overload promised.</summary>
internal static class CallResult
{
    /// <summary>
    /// The decoded result as <typeparamref name="T"/>. A tool returning <c>ValueTask</c>/<c>ValueTask&lt;U&gt;</c>
    /// binds to <c>CallAsync&lt;T&gt;(Expression&lt;Func&lt;T&gt;&gt;)</c> with <c>T</c> the ValueTask type, while the
    /// agent has already awaited it and sent <c>U</c> (or nothing): hand back a completed ValueTask.
    /// </summary>
    public static T As<T>(object? result) =>
        result is T || (result is null && default(T) is null) ? (T)result! : CompletedValueTask<T>.From(result);

    /// <summary>The first cancellable <see cref="CancellationToken"/> among the evaluated arguments, if any.</summary>
    public static CancellationToken? ToolToken(object?[] arguments)
    {
        foreach (var argument in arguments)
            if (argument is CancellationToken { CanBeCanceled: true } token) return token;
        return null;
    }

    private static class CompletedValueTask<T>
    {
        // Resolved once per T: ValueTask is complete by default; ValueTask<U> wraps U; any other T is a real mismatch.
        private static readonly Func<object?, T> Wrap = Create();

        public static T From(object? result) => Wrap(result);

        private static Func<object?, T> Create()
        {
            if (typeof(T) == typeof(ValueTask)) return static _ => default!;
            if (typeof(T).IsGenericType && typeof(T).GetGenericTypeDefinition() == typeof(ValueTask<>))
            {
                var constructor = typeof(T).GetConstructor([typeof(T).GetGenericArguments()[0]])!;
                return result => (T)constructor.Invoke([result]);
            }
            return static result => (T)result!;
        }
    }
}
