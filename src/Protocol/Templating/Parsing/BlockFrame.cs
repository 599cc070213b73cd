using Rmote.Templating.Nodes;
using Rmote.Templating.Runtime;

namespace Rmote.Templating.Parsing;

/// <summary>
/// A block being parsed: collects the statements of its body (for an <c>if</c>, of its current branch) until the
/// closing line turns it into a node.
/// </summary>
internal sealed class BlockFrame(BlockKind kind, SourceSpan opening, string keyword)
{
    private readonly List<Evaluator> conditions = [];
    private readonly List<TemplateNode[]> branches = [];

    public BlockKind Kind { get; } = kind;

    /// <summary>The opening line, for "never closed" and "does not match" errors.</summary>
    public SourceSpan Opening { get; } = opening;

    /// <summary>The word that opened the block (<c>for</c>, <c>if</c>, <c>while</c>).</summary>
    public string Keyword { get; } = keyword;

    /// <summary>Where statements go now.</summary>
    public List<TemplateNode> Body { get; private set; } = [];

    public bool InElse { get; private set; }

    public bool IsLoop => Kind is BlockKind.For or BlockKind.While;

    /// <summary>The loop variable of a <c>for</c>.</summary>
    public int Slot { get; init; }

    /// <summary>The sequence of a <c>for</c>, the condition of a <c>while</c> or of the first <c>if</c> branch.</summary>
    public Evaluator? Expression { get; init; }

    /// <summary>Ends the current branch of an <c>if</c> and starts an <c>elif</c> branch (condition) or the <c>else</c> (null).</summary>
    public void StartBranch(Evaluator? condition)
    {
        EndBranch();
        if (condition is null) InElse = true;
        else conditions.Add(condition);
    }

    /// <summary>The node for the finished block.</summary>
    public TemplateNode Close() => Kind switch
    {
        BlockKind.For => new ForNode(Slot, Expression!, [.. Body], Opening),
        BlockKind.While => new WhileNode(Expression!, [.. Body], Opening),
        _ => CloseIf(),
    };

    private TemplateNode CloseIf()
    {
        if (!InElse) EndBranch();
        return new IfNode([Expression!, .. conditions], [.. branches], InElse ? [.. Body] : [], Opening);
    }

    private void EndBranch()
    {
        branches.Add([.. Body]);
        Body = [];
    }
}
