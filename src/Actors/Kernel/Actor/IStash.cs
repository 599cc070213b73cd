namespace Rmote.Actors;

/// <summary>Messages put aside by an actor to be processed later, in their original order.</summary>
public interface IStash
{
    /// <summary>Puts the message being processed aside.</summary>
    void Stash();

    /// <summary>Puts the oldest stashed message back at the front of the mailbox.</summary>
    void Unstash();

    /// <summary>Puts every stashed message back at the front of the mailbox, oldest first.</summary>
    void UnstashAll();

    /// <summary>Drops the stashed messages and returns them.</summary>
    IReadOnlyList<object> ClearStash();
}
