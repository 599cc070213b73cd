using Akka.Configuration;
using Rmote.Actors.Connection;
using Rmote.Connections;

namespace Rmote.Actors.Tests.Support;

/// <summary>Akka.TestKit with helpers to make connection actors over real local agents.</summary>
public abstract class ConnectionTestKit() : Akka.TestKit.Xunit2.TestKit(Config)
{
    private static readonly Config Config = ConfigurationFactory.ParseString("akka.loglevel = WARNING\nakka.test.timefactor = " +
        (double.TryParse(Environment.GetEnvironmentVariable("RMOTE_TEST_TIMEFACTOR"), out var factor) ? factor : 1.0));

    /// <summary>Generous bound for anything that starts an agent on a busy machine.</summary>
    protected static readonly TimeSpan Agent = TimeSpan.FromSeconds(30);

    /// <summary>A connector for local agents, scriptable per attempt.</summary>
    internal static ScriptedConnector Local(RmoteOptions? options = null) => new(AgentConnectors.Local(options ?? new RmoteOptions()));

    /// <summary>Settings from <paramref name="options"/> as the facade would resolve them.</summary>
    internal static ConnectionSettings Settings(RmoteOptions? options = null) => ConnectionSettingsFactory.From(options ?? new RmoteOptions());

    /// <summary>Reconnect fast: 20 ms base delay.</summary>
    protected static RmoteOptions Reconnecting(int attempts = 10) => new()
    {
        Reconnect = new ReconnectPolicy { MaxAttempts = attempts, BaseDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromMilliseconds(200) },
    };

    /// <summary>
    /// Sends <paramref name="invoke"/> with the test actor as its sender, stated explicitly: the implicit sender is a
    /// thread-local of the thread that built the test class, which a test need not run on.
    /// </summary>
    protected void Send(IActorRef connection, Invoke invoke) => connection.Tell(invoke, TestActor);

    /// <summary>Subscribes <paramref name="probe"/> to connection state changes.</summary>
    protected void WatchStates(Akka.TestKit.TestProbe probe) => Sys.EventStream.Subscribe(probe.Ref, typeof(ConnectionStateChanged));

    /// <summary>Expects the next state change of <paramref name="connection"/> to be <paramref name="state"/>.</summary>
    protected ConnectionStateChanged ExpectState(Akka.TestKit.TestProbe probe, IActorRef connection, ConnectionState state)
    {
        var changed = probe.FishForMessage<ConnectionStateChanged>(m => m.Connection.Equals(connection), Agent);
        Assert.Equal(state, changed.State);
        return changed;
    }
}
