using Rmote.Templating.Nodes;
using Rmote.Templating.Parsing;

namespace Rmote.Templating;

/// <summary>
/// Compiled templates by source text, least recently used evicted first: rendering the same source again (e.g. a
/// template passed to a tool on every call) parses it once. Bounded in entries and in the size of a cached source.
/// </summary>
internal static class ProgramCache
{
    /// <summary>Entries kept.</summary>
    public const int Capacity = 256;

    /// <summary>Longer sources are compiled every time rather than pinned in memory.</summary>
    public const int MaxCachedSourceLength = 64 * 1024;

    private static readonly Dictionary<string, LinkedListNode<(string Source, TemplateProgram Program)>> Entries = new(StringComparer.Ordinal);
    private static readonly LinkedList<(string Source, TemplateProgram Program)> Recency = new();
    private static readonly Lock Gate = new();

    /// <summary>The compiled form of <paramref name="source"/>; throws <see cref="TemplateException"/> on a syntax error.</summary>
    public static TemplateProgram Get(string source)
    {
        if (source.Length > MaxCachedSourceLength) return TemplateParser.Parse(source);
        lock (Gate)
        {
            if (Entries.TryGetValue(source, out var hit))
            {
                Recency.Remove(hit);
                Recency.AddFirst(hit);
                return hit.Value.Program;
            }
        }
        // Parsed outside the lock: a slow parse never blocks renders of other templates. Racing parses of one
        // source are harmless; the first one stored wins.
        var program = TemplateParser.Parse(source);
        lock (Gate)
        {
            if (Entries.TryGetValue(source, out var raced)) return raced.Value.Program;
            Entries[source] = Recency.AddFirst((source, program));
            if (Entries.Count > Capacity)
            {
                Entries.Remove(Recency.Last!.Value.Source);
                Recency.RemoveLast();
            }
        }
        return program;
    }

    /// <summary>Entries currently cached (for tests).</summary>
    public static int Count
    {
        get
        {
            lock (Gate) return Entries.Count;
        }
    }
}
