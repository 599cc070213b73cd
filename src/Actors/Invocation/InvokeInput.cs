namespace Rmote.Actors.Invocation;

/// <summary>
/// What an input invoke streams to its tool (read by it with <c>ToolInput</c>): <paramref name="Source"/>, from where
/// it is to its end, in chunks of <paramref name="ChunkSize"/> bytes; <paramref name="Sent"/> is told each chunk's size.
/// The source belongs to whoever made it: the connection reads it and never disposes it.
/// </summary>
internal sealed record InvokeInput(Stream Source, int ChunkSize, Action<int>? Sent);
