using Rmote.Actors;

namespace Rmote.TestKit;

/// <summary>
/// Base class for actor tests with xUnit: every test (xUnit creates one instance per test) gets a fresh
/// <see cref="ActorSystem"/>, terminated in <see cref="Dispose()"/>. The expectations apply to <see cref="TestKitBase.TestActor"/>.
/// </summary>
public abstract class TestKit : TestKitBase, IDisposable
{
    private static int s_systemCount;

    /// <summary>Creates the system (optionally with <paramref name="settings"/>) and the test actor.</summary>
    protected TestKit(ActorSystemSettings? settings = null)
        : base(ActorSystem.Create($"test{Interlocked.Increment(ref s_systemCount)}", settings ?? new ActorSystemSettings()), "testActor")
    {
    }

    /// <summary>A new probe in this test's system.</summary>
    public TestProbe CreateTestProbe(string? name = null) => new(Sys, name);

    /// <summary>Creates a top-level actor in this test's system.</summary>
    public IActorRef ActorOf(Props props, string? name = null) => Sys.ActorOf(props, name);

    /// <summary>Terminates the system, failing if it does not terminate within 10 s (dilated).</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Terminates the system when <paramref name="disposing"/>.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing && !Sys.Terminate().Wait(Dilated(TimeSpan.FromSeconds(10))))
            throw new TestKitAssertionException($"{Sys} did not terminate within {Dilated(TimeSpan.FromSeconds(10))}.");
    }
}
