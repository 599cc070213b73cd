namespace Rmote.Actors.Tests.Kernel;

/// <summary>Rule 10 (part): names are unique among live children, reusable after termination, and validated.</summary>
public sealed class ChildNameTests : TestKit.TestKit
{
    private sealed class Idle : ActorBase
    {
        protected override bool Receive(object message) => true;
    }

    private sealed class Parent : ReceiveActor
    {
        public Parent()
        {
            Receive<string>(name =>
            {
                try
                {
                    var child = Context.ActorOf(Props.Create<Idle>(), name);
                    Context.Watch(child);
                    Sender.Tell(child);
                }
                catch (InvalidActorNameException e)
                {
                    Sender.Tell(new Status.Failure(e));
                }
            });
            IActorRef? stopRequester = null;
            Receive<IActorRef>(child =>
            {
                stopRequester = Sender;
                Context.Stop(child);
            });
            Receive<Terminated>(_ => stopRequester!.Tell("child terminated"));
        }
    }

    [Fact]
    public void A_top_level_name_is_taken_until_that_actor_has_terminated()
    {
        var first = Sys.ActorOf(Props.Create<Idle>(), "unique");
        Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create<Idle>(), "unique"));

        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first);

        var second = Sys.ActorOf(Props.Create<Idle>(), "unique");
        Assert.NotEqual(first, second);
        Assert.Equal("unique", second.Path.Name);
    }

    [Fact]
    public async Task A_child_name_is_taken_until_that_child_has_terminated()
    {
        var parent = Sys.ActorOf(Props.Create<Parent>());
        var child = await parent.Ask<IActorRef>("kid", TestKit.TestKitSettings.DefaultTimeout);
        await Assert.ThrowsAsync<InvalidActorNameException>(() => parent.Ask<IActorRef>("kid", TestKit.TestKitSettings.DefaultTimeout));

        parent.Tell(child, TestActor);
        ExpectMsg("child terminated");

        Assert.NotEqual(child, await parent.Ask<IActorRef>("kid", TestKit.TestKitSettings.DefaultTimeout));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("$reserved")]
    [InlineData("with space")]
    public void Invalid_names_are_rejected(string name) =>
        Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create<Idle>(), name));

    [Fact]
    public void Generated_names_are_unique_and_start_with_a_dollar()
    {
        var names = Enumerable.Range(0, 100).Select(_ => Sys.ActorOf(Props.Create<Idle>()).Path.Name).ToList();
        Assert.Equal(100, names.Distinct().Count());
        Assert.All(names, n => Assert.StartsWith("$", n, StringComparison.Ordinal));
    }
}
