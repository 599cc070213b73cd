using Rmote.Actors.Tests.Kernel.Support;

namespace Rmote.Actors.Tests.Kernel;

/// <summary>Rule 12: Terminate stops the whole tree, children first, and completes WhenTerminated.</summary>
public sealed class TerminateTests
{
    [Fact]
    public async Task Terminate_stops_every_actor_children_first_and_completes_WhenTerminated()
    {
        var system = ActorSystem.Create("terminate");
        var events = new Events();
        system.ActorOf(Props.Create(() => new TreeNode(events, 2, 2)), "a");
        system.ActorOf(Props.Create(() => new TreeNode(events, 1, 3)), "b");

        await system.Terminate().WaitAsync(TestKit.TestKitSettings.DefaultTimeout);

        Assert.True(system.WhenTerminated.IsCompletedSuccessfully);
        var stops = events.Snapshot();
        Assert.Equal((1 + 2 + 4) + (1 + 3), stops.Count);
        foreach (var stop in stops)
        {
            var path = stop["PostStop ".Length..];
            var parent = "PostStop " + path[..path.LastIndexOf('/')];
            if (stops.Contains(parent)) Assert.True(events.IndexOf(stop) < events.IndexOf(parent), $"{stop} after {parent}");
        }
    }

    [Fact]
    public async Task After_Terminate_no_actor_can_be_created_and_messages_go_to_dead_letters()
    {
        var system = ActorSystem.Create("terminated");
        var events = new Events();
        var actor = system.ActorOf(Props.Create(() => new TreeNode(events, 0, 0)));
        await system.Terminate().WaitAsync(TestKit.TestKitSettings.DefaultTimeout);

        Assert.Throws<InvalidOperationException>(() => system.ActorOf(Props.Create(() => new TreeNode(events, 0, 0))));
        actor.Tell("anyone?", ActorRefs.NoSender); // must not throw
        Assert.True(system.Terminate().IsCompleted); // idempotent
    }
}
