using Microsoft.Extensions.Logging;
using Rmote.Actors.Connection;
using Rmote.Protocol.Framing;

namespace Rmote.Actors.Links;

internal sealed partial class LinkActor
{
    /// <summary>Creates the link's child actors around <paramref name="started"/> and returns its hot path.</summary>
    private Link StartChildren(IAgentTransport started)
    {
        var frames = sink = new FrameSink(started.Input, settings.Codec, settings.WriterQueueCapacity);
        Link? created = null;
        Func<Link> current = () => created!;   // children start before the link exists; they only use it later

        var factory = settings.LoggerFactory;
        var correlator = Context.ActorOf(Akka.Actor.Props.Create(() => new RpcCorrelator(current, factory.CreateLogger("Rmote.Connection.Rpc"))), "rpc");
        var toolSync = Context.ActorOf(Akka.Actor.Props.Create(() => new ToolSync(current, factory.CreateLogger("Rmote.Connection.ToolSync"))), "tool-sync");
        created = new Link(started.Target, started.ProcessId, frames, new PendingCalls(), new ToolSyncClient(toolSync), correlator, settings);

        var router = new FrameRouter(current, correlator, toolSync, new LogForwarder(factory), activity, () => DescribeExit(started), factory.CreateLogger("Rmote.Connection.Reader"));
        Context.ActorOf(Akka.Actor.Props.Create(() => new FrameWriter(frames)), "writer");
        Context.ActorOf(Akka.Actor.Props.Create(() => new FrameReader(started.Decoder, router)), "reader");
        return created;
    }

    // What is known the moment the agent's output ends: its exit code only if it has been reaped already (the calls do
    // not wait for it; it is logged when it arrives), and what it wrote to stderr so far.
    private static string DescribeExit(IAgentTransport ended)
    {
        var exited = ended.Exited.IsCompletedSuccessfully ? $" (exit code {ended.Exited.Result})" : "";
        var stderr = ended.StandardErrorTail.Trim();
        return stderr.Length == 0 ? exited : $"{exited}; its last standard error output: {stderr}";
    }
}
