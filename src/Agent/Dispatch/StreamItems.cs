using System.Reflection;
using System.Runtime.CompilerServices;

namespace Rmote.Agent.Dispatch;

/// <summary>Boxes the items of a typed <see cref="IAsyncEnumerable{T}"/>, so one pump serves every item type.</summary>
internal static class StreamItems
{
    /// <summary>The open generic <see cref="Enumerate{T}"/>.</summary>
    public static readonly MethodInfo EnumerateMethod = typeof(StreamItems).GetMethod(nameof(Enumerate), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static IAsyncEnumerator<object?> Enumerate<T>(object stream, CancellationToken cancellationToken) =>
        Box((IAsyncEnumerable<T>)stream, cancellationToken).GetAsyncEnumerator(cancellationToken);

    private static async IAsyncEnumerable<object?> Box<T>(IAsyncEnumerable<T> source, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in source.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return item;
        }
    }
}
