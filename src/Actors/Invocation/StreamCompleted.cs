namespace Rmote;

/// <summary>The stream started with <see cref="InvokeStream"/> ended normally, after its last <see cref="StreamItem"/>.</summary>
/// <param name="CorrelationId">The stream's correlation id.</param>
public sealed record StreamCompleted(long CorrelationId);
