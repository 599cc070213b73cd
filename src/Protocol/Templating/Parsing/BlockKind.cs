namespace Rmote.Templating.Parsing;

/// <summary>The blocks a control line can open; the template itself is the root block.</summary>
internal enum BlockKind
{
    Root,
    For,
    If,
    While,
}
