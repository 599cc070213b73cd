using Akka.Actor;

namespace Rmote.Cluster.Node;

/// <summary>Prints every message that reaches it (<c>echo TYPE TEXT</c>), so a test sees what crossed from another node.</summary>
public sealed class EchoActor : ReceiveActor
{
    public EchoActor(TextWriter output) =>
        ReceiveAny(message =>
        {
            lock (output) output.WriteLine($"echo {message.GetType().Name} {message}");
        });
}
