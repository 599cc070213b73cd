namespace Rmote.Actors;

/// <summary>Replies that report how an operation ended; <see cref="Failure"/> faults a pending <c>Ask</c>.</summary>
public abstract class Status
{
    private Status() { }

    /// <summary>The operation succeeded.</summary>
    /// <param name="status">An optional result.</param>
    public sealed class Success(object? status) : Status
    {
        /// <summary>The optional result.</summary>
        public object? Status { get; } = status;

        /// <inheritdoc />
        public override string ToString() => $"Success({Status})";
    }

    /// <summary>The operation failed; an <c>Ask</c> waiting for the reply throws <see cref="Cause"/>.</summary>
    /// <param name="cause">Why it failed.</param>
    public sealed class Failure(Exception cause) : Status
    {
        /// <summary>Why it failed.</summary>
        public Exception Cause { get; } = cause ?? throw new ArgumentNullException(nameof(cause));

        /// <inheritdoc />
        public override string ToString() => $"Failure({Cause.GetType().Name}: {Cause.Message})";
    }
}
