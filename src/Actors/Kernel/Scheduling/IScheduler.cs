namespace Rmote.Actors;

/// <summary>Sends messages later or periodically. Everything scheduled is cancelled when the system terminates.</summary>
public interface IScheduler
{
    /// <summary>Sends <paramref name="message"/> to <paramref name="receiver"/> once, after <paramref name="delay"/>.</summary>
    ICancelable ScheduleTellOnce(TimeSpan delay, IActorRef receiver, object message, IActorRef? sender);

    /// <summary>
    /// Sends <paramref name="message"/> to <paramref name="receiver"/> after <paramref name="initialDelay"/> and then every
    /// <paramref name="interval"/>, until cancelled.
    /// </summary>
    ICancelable ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, IActorRef receiver, object message, IActorRef? sender);
}
