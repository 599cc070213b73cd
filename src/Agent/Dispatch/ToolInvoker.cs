using System.Reflection;
using Rmote.Protocol.Tools;

namespace Rmote.Agent.Dispatch;

/// <summary>
/// Calls one resolved tool method: a <see cref="MethodInvoker"/> (no per-call reflection cost) plus a precomputed way
/// to await its Task/ValueTask and box the result.
/// </summary>
internal sealed class ToolInvoker
{
    private static readonly MethodInfo AwaitTaskMethod = typeof(ToolInvoker).GetMethod(nameof(AwaitTaskOfTAsync), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo AwaitValueTaskMethod = typeof(ToolInvoker).GetMethod(nameof(AwaitValueTaskOfTAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly MethodInvoker invoker;
    private readonly Func<object, ValueTask<object?>>? awaitResult;
    private readonly Func<object, CancellationToken, IAsyncEnumerator<object?>>? enumerate;

    public ToolInvoker(ToolMethod method)
    {
        Method = method;
        invoker = MethodInvoker.Create(method.Method);
        awaitResult = method.ReturnKind switch
        {
            ToolReturnKind.Task => static task => AwaitTaskAsync((Task)task),
            ToolReturnKind.ValueTask => static task => AwaitTaskAsync(((ValueTask)task).AsTask()),
            ToolReturnKind.TaskOfT => AwaitTaskMethod.MakeGenericMethod(method.ResultType!).CreateDelegate<Func<object, ValueTask<object?>>>(),
            ToolReturnKind.ValueTaskOfT => AwaitValueTaskMethod.MakeGenericMethod(method.ResultType!).CreateDelegate<Func<object, ValueTask<object?>>>(),
            _ => null,
        };
        if (method.IsStream)
            enumerate = StreamItems.EnumerateMethod.MakeGenericMethod(method.ResultType!).CreateDelegate<Func<object, CancellationToken, IAsyncEnumerator<object?>>>();
    }

    /// <summary>
    /// The items of the <c>IAsyncEnumerable&lt;T&gt;</c> a streaming method returned, boxed, enumerated with
    /// <paramref name="cancellationToken"/> (so an <c>[EnumeratorCancellation]</c> parameter sees the call's token).
    /// </summary>
    public IAsyncEnumerator<object?> Enumerate(object? stream, CancellationToken cancellationToken) =>
        stream is null ? throw new InvalidOperationException($"{Method.Key} returned a null stream.")
            : enumerate!(stream, cancellationToken);

    /// <summary>The method and its wire encoding.</summary>
    public ToolMethod Method { get; }

    /// <summary>Invokes the method and awaits its result. Exceptions are the tool's own (never TargetInvocationException).</summary>
    public ValueTask<object?> InvokeAsync(object?[] arguments)
    {
        object? result;
        try
        {
            result = invoker.Invoke(null, arguments.AsSpan());
        }
        catch (TargetInvocationException wrapped) when (wrapped.InnerException is not null)
        {
            return ValueTask.FromException<object?>(wrapped.InnerException);
        }

        return awaitResult is null ? new ValueTask<object?>(result)
            : result is null ? ValueTask.FromException<object?>(new InvalidOperationException($"{Method.Key} returned a null task."))
            : awaitResult(result);
    }

    private static async ValueTask<object?> AwaitTaskAsync(Task task)
    {
        await task.ConfigureAwait(false);
        return null;
    }

    private static async ValueTask<object?> AwaitTaskOfTAsync<T>(object task) => await ((Task<T>)task).ConfigureAwait(false);

    private static async ValueTask<object?> AwaitValueTaskOfTAsync<T>(object task) => await ((ValueTask<T>)task).ConfigureAwait(false);
}
