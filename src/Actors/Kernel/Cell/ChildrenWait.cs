namespace Rmote.Actors;

/// <summary>What a cell does once the children it stopped have all terminated.</summary>
internal enum ChildrenWait
{
    /// <summary>Not waiting.</summary>
    None,

    /// <summary>Construct the actor again after a failed creation.</summary>
    Creation,

    /// <summary>Construct the new instance of a restart.</summary>
    Recreation,

    /// <summary>Finish stopping: PostStop and notifications.</summary>
    Termination,
}
