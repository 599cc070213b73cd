namespace Rmote.Actors.Tests.Kernel.Support;

/// <summary>
/// A node of a test tree: creates <paramref name="depth"/> levels of <paramref name="width"/> children below itself and
/// records its PostStop as "PostStop {path}". A short sleep in PostStop makes a parent that did not wait visibly early.
/// </summary>
public sealed class TreeNode : ActorBase
{
    private readonly Events _events;

    public TreeNode(Events events, int depth, int width)
    {
        _events = events;
        if (depth == 0) return;
        for (var i = 0; i < width; i++) Context.ActorOf(Props.Create(() => new TreeNode(events, depth - 1, width)), "n" + i);
    }

    public static string Name(IActorRef actor) => actor.Path.ToString();

    protected override bool Receive(object message) => false;

    protected override void PostStop()
    {
        Thread.Sleep(20);
        _events.Add("PostStop " + Self.Path);
    }
}
