using System.Text;
using Rmote.Templating.Parsing;

namespace Rmote.Templating.Runtime;

/// <summary>
/// The state of one render: the variable slots (loop variables, assignments, model names read so far), the output
/// and the budgets that keep a runaway template bounded in time and memory.
/// </summary>
internal sealed class RenderScope
{
    /// <summary>Iterations of all loops of one render together; a <c>% while true</c> ends with an error instead of hanging.</summary>
    public const long MaxIterations = 10_000_000;

    /// <summary>Characters of output one render may produce.</summary>
    public const int MaxOutputLength = 64 * 1024 * 1024;

    /// <summary>Marks a slot not yet read from the model (null is a legitimate value).</summary>
    public static readonly object Unset = new();

    private readonly ModelSource model;
    private readonly string[] names;
    private bool lineStarted;
    private long iterations;

    public RenderScope(ModelSource model, string[] names, StringBuilder output)
    {
        this.model = model;
        this.names = names;
        Output = output;
        Slots = new object?[names.Length];
        Array.Fill(Slots, Unset);
    }

    public object?[] Slots { get; }

    public StringBuilder Output { get; }

    /// <summary>The variable in <paramref name="slot"/>: a template variable, else the model's value of that name.</summary>
    public object? Read(int slot, SourceSpan span)
    {
        var value = Slots[slot];
        return ReferenceEquals(value, Unset) ? Load(slot, span) : value;
    }

    /// <summary>Starts an output line: lines are joined with '\n', so the output never ends with a line break of its own.</summary>
    public void BeginLine(SourceSpan span)
    {
        if (Output.Length > MaxOutputLength) throw span.Error($"Output exceeds {MaxOutputLength} characters");
        if (lineStarted) Output.Append('\n');
        lineStarted = true;
    }

    /// <summary>Counts one loop iteration against <see cref="MaxIterations"/>.</summary>
    public void CountIteration(SourceSpan span)
    {
        if (++iterations > MaxIterations) throw span.Error($"More than {MaxIterations} loop iterations in one render");
    }

    private object? Load(int slot, SourceSpan span)
    {
        if (!model.TryGet(names[slot], span, out var value)) throw span.Error($"Unknown name '{names[slot]}'");
        Slots[slot] = value;
        return value;
    }
}
