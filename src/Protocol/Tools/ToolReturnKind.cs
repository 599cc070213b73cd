namespace Rmote.Protocol.Tools;

/// <summary>How a tool method delivers its result.</summary>
public enum ToolReturnKind
{
    /// <summary><c>void</c>: no result.</summary>
    Void,

    /// <summary>A plain value of type <c>T</c>.</summary>
    Value,

    /// <summary><see cref="System.Threading.Tasks.Task"/>: awaited, no result.</summary>
    Task,

    /// <summary><see cref="System.Threading.Tasks.Task{TResult}"/>: awaited, its result.</summary>
    TaskOfT,

    /// <summary><see cref="System.Threading.Tasks.ValueTask"/>: awaited, no result.</summary>
    ValueTask,

    /// <summary><see cref="System.Threading.Tasks.ValueTask{TResult}"/>: awaited, its result.</summary>
    ValueTaskOfT,

    /// <summary><see cref="System.Collections.Generic.IAsyncEnumerable{T}"/>: a stream of items, each sent as it is produced.</summary>
    AsyncEnumerable,
}
