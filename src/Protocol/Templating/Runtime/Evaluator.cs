namespace Rmote.Templating.Runtime;

/// <summary>A compiled expression: computes its value in the scope of one render.</summary>
internal delegate object? Evaluator(RenderScope scope);
