namespace Rmote.Templating.Nodes;

/// <summary>How a statement ends: normally, or by <c>% break</c> / <c>% continue</c> travelling up to its loop.</summary>
internal enum Flow
{
    Normal,
    Break,
    Continue,
}
