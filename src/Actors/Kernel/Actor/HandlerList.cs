namespace Rmote.Actors;

/// <summary>One behaviour of a <see cref="ReceiveActor"/>: typed handlers tried in declaration order.</summary>
internal sealed class HandlerList
{
    private Func<object, bool>[] _handlers = [];

    public void Add(Func<object, bool> handler) => _handlers = [.. _handlers, handler];

    public bool Handle(object message)
    {
        foreach (var handler in _handlers)
        {
            if (handler(message)) return true;
        }
        return false;
    }
}
