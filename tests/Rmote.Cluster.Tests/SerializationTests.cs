using Akka.Actor;
using Akka.Configuration;
using Rmote.Actors.Cluster;
using Rmote.TestTools;

namespace Rmote.Cluster.Tests;

/// <summary>Rmote's node-to-node messages through the serializer Akka picks for them, in one actor system.</summary>
public sealed class SerializationTests : IDisposable
{
    private readonly ActorSystem system = ActorSystem.Create("serialization", ClusterSerialization.Config()
        .WithFallback(ConfigurationFactory.ParseString("akka.actor.provider = remote\nakka.remote.dot-netty.tcp.port = 0\nakka.remote.dot-netty.tcp.hostname = 127.0.0.1")));

    public void Dispose() => system.Dispose();

    [Fact]
    public void Every_message_type_goes_through_hyperion_and_round_trips()
    {
        var call = ToolCall.Create(() => ResilienceTools.Echo(7));
        object[] messages =
        [
            new HostInvoke("web-1", call, 42, TimeSpan.FromSeconds(3)),
            new HostInvoke("web-2", call),
            new HostReply(5, call.Key, 4 | 16, [1, 2, 3]),
            new HostEntityReady("web-1"),
        ];
        foreach (var message in messages)
        {
            var serializer = system.Serialization.FindSerializerFor(message);
            Assert.Equal("RmoteHyperionSerializer", serializer.GetType().Name);
            var back = system.Serialization.Deserialize(serializer.ToBinary(message), serializer.Identifier, message.GetType());
            if (message is HostInvoke invoke)
            {
                var copy = Assert.IsType<HostInvoke>(back);
                Assert.Equal((invoke.Host, invoke.CorrelationId, invoke.Timeout, invoke.Call.Key), (copy.Host, copy.CorrelationId, copy.Timeout, copy.Call.Key));
                Assert.Equal(invoke.Call.Arguments, copy.Call.Arguments);
            }
            else if (message is HostReply reply)
            {
                var copy = Assert.IsType<HostReply>(back);
                Assert.Equal((reply.CorrelationId, reply.Key, reply.Flags), (copy.CorrelationId, copy.Key, copy.Flags));
                Assert.Equal(reply.Payload, copy.Payload);
            }
            else Assert.Equal(message, back);
        }
    }

    [Fact]
    public void A_type_without_a_binding_is_refused_instead_of_going_out_as_json()
    {
        var failure = Assert.ThrowsAny<Exception>(() => system.Serialization.FindSerializerFor(new NotBound("x")));
        Assert.Contains(nameof(NotBound), failure.Message, StringComparison.Ordinal);
    }

    private sealed record NotBound(string Text);
}
