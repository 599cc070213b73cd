namespace Rmote;

/// <summary>The successful reply to an <see cref="Invoke"/>.</summary>
/// <param name="CorrelationId">The invoke's correlation id.</param>
/// <param name="Value">
/// The tool's result as its declared type, boxed (an <c>int</c> stays <c>int</c>); <see langword="null"/> for
/// <c>void</c> and <c>Task</c> methods. For <c>ValueTask&lt;T&gt;</c> it is the <c>T</c>.
/// </param>
public sealed record InvokeResult(long CorrelationId, object? Value);
