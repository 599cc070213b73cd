using System.Text;

namespace Rmote.Templating.Runtime;

/// <summary>One reusable <see cref="StringBuilder"/> per thread, so repeated renders don't regrow a buffer each time.</summary>
internal static class OutputBuffer
{
    // Larger buffers are dropped rather than kept alive by an idle thread.
    private const int MaxKeptCapacity = 256 * 1024;

    [ThreadStatic]
    private static StringBuilder? cached;

    public static StringBuilder Acquire()
    {
        var builder = cached;
        if (builder is null) return new StringBuilder(1024);
        // Taken while in use: a render nested in a model method gets its own buffer.
        cached = null;
        return builder.Clear();
    }

    public static void Release(StringBuilder builder)
    {
        if (builder.Capacity <= MaxKeptCapacity) cached = builder;
    }
}
