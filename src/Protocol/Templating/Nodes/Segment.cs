using Rmote.Templating.Runtime;

namespace Rmote.Templating.Nodes;

/// <summary>A piece of a text line: literal text or an interpolated <c>${expression}</c>.</summary>
internal readonly record struct Segment(string? Text, Evaluator? Value);
