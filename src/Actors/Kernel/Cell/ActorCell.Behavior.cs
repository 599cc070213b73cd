namespace Rmote.Actors;

// Processing one user message: the kernel's own messages first (PoisonPill, Kill, Terminated, ReceiveTimeout), then the
// current behaviour; an exception is a failure reported to the supervisor.
internal sealed partial class ActorCell
{
    private Receive? _behavior;
    private Stack<Receive>? _behaviorStack;

    public void Become(Receive receive)
    {
        ArgumentNullException.ThrowIfNull(receive);
        _behavior = receive;
    }

    public void BecomeStacked(Receive receive)
    {
        ArgumentNullException.ThrowIfNull(receive);
        (_behaviorStack ??= new()).Push(_behavior!);
        _behavior = receive;
    }

    public void UnbecomeStacked()
    {
        if (_behaviorStack is { Count: > 0 } stack) _behavior = stack.Pop();
    }

    /// <summary>The message being processed with its sender, for the stash.</summary>
    internal Envelope CurrentEnvelope => _currentMessage is { } message
        ? new Envelope(message, _currentSender)
        : throw new InvalidOperationException("There is no message being processed to stash.");

    private void Invoke(Envelope envelope)
    {
        var message = envelope.Message;
        _currentMessage = message;
        _currentSender = envelope.Sender;
        try
        {
            if (message is PoisonPill or Kill or Terminated or Actors.ReceiveTimeout) AutoReceive(message);
            else ReceiveMessage(message);
            if (_receiveTimeout is not null) RescheduleReceiveTimeout();
        }
        catch (Exception e)
        {
            HandleInvokeFailure(e, message);
        }
        finally
        {
            _currentMessage = null;
            _currentSender = null;
        }
    }

    private void AutoReceive(object message)
    {
        switch (message)
        {
            case PoisonPill:
                SendSystem(Terminate.Instance);
                break;
            case Kill:
                throw new ActorKilledException($"Kill message received by {SelfRef.Path}.");
            case Terminated terminated:
                // Only a Terminated queued by DeathWatch and not cancelled by Unwatch reaches the actor.
                if (_terminatedQueued?.Remove(terminated.ActorRef) == true) ReceiveMessage(message);
                break;
            default:
                // A timeout that was cleared after the timer fired is stale.
                if (_receiveTimeout is not null) ReceiveMessage(message);
                break;
        }
    }

    private void ReceiveMessage(object message)
    {
        if (!_behavior!(message)) _actor!.AroundUnhandled(message);
    }

    private void ResetBehavior(ActorBase actor)
    {
        _behavior = actor.InitialBehavior;
        _behaviorStack?.Clear();
    }
}
