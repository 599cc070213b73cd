using Microsoft.Extensions.Logging;
using Rmote.Actors.Tests.Kernel.Support;

namespace Rmote.Actors.Tests.Kernel;

/// <summary>Rule 4: children stop before their parent, Terminated follows PostStop, a failing PostStop is only logged.</summary>
public sealed class StopTests : TestKit.TestKit
{
    private readonly CapturingLoggerFactory _logs;

    public StopTests()
        : this(new CapturingLoggerFactory())
    {
    }

    private StopTests(CapturingLoggerFactory logs)
        : base(new ActorSystemSettings { LoggerFactory = logs }) => _logs = logs;

    private sealed class ThrowsInPostStop : ActorBase
    {
        protected override bool Receive(object message) => false;

        protected override void PostStop() => throw new InvalidOperationException("PostStop failed");
    }

    [Fact]
    public void Every_child_finishes_PostStop_before_its_parent_and_Terminated_comes_after_PostStop()
    {
        var events = new Events();
        var root = Sys.ActorOf(Props.Create(() => new TreeNode(events, 2, 3)), "root");
        Watch(root);

        Sys.Stop(root);
        ExpectTerminated(root);

        var stops = events.Snapshot();
        Assert.Equal(1 + 3 + 9, stops.Count); // the root's PostStop happened before its Terminated
        Assert.Equal("PostStop " + root.Path, stops[^1]);
        foreach (var stop in stops)
        {
            var path = stop["PostStop ".Length..];
            var parent = "PostStop " + path[..path.LastIndexOf('/')];
            if (path != root.Path.ToString())
                Assert.True(events.IndexOf(stop) < events.IndexOf(parent), $"{stop} came after {parent}: {events}");
        }
    }

    [Fact]
    public async Task An_exception_in_PostStop_is_logged_and_never_escalated()
    {
        var parent = Sys.ActorOf(ParentActor.Reporting(Props.Create<ThrowsInPostStop>(), TestActor, Directive.Escalate));
        var child = await parent.Ask<IActorRef>(ParentActor.GetChild.Instance);
        Watch(child);

        Sys.Stop(child);

        ExpectTerminated(child);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200)); // the supervisor's decider was never asked
        Assert.Contains(_logs.Entries, e => e.Level == LogLevel.Error && e.Exception?.Message == "PostStop failed");
        Assert.Equal(child, await parent.Ask<IActorRef>(ParentActor.GetChild.Instance)); // the parent is alive and untouched
    }
}
