using System.Collections.Concurrent;
using Rmote.Actors;

namespace Rmote.TestKit;

/// <summary>The actor behind a probe: queues everything it receives (including Terminated) for the test thread.</summary>
internal sealed class ProbeActor(BlockingCollection<ReceivedMessage> queue) : ActorBase
{
    protected override bool Receive(object message)
    {
        switch (message)
        {
            case WatchCommand watch:
                Context.Watch(watch.Subject);
                Sender.Tell(watch, Self);
                break;
            case UnwatchCommand unwatch:
                Context.Unwatch(unwatch.Subject);
                Sender.Tell(unwatch, Self);
                break;
            default:
                queue.Add(new ReceivedMessage(message, Sender));
                break;
        }
        return true;
    }

    internal sealed record WatchCommand(IActorRef Subject);

    internal sealed record UnwatchCommand(IActorRef Subject);
}
