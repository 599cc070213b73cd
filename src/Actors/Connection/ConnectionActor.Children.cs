using Microsoft.Extensions.Logging;
using Rmote.Protocol.Framing;

namespace Rmote.Actors.Connection;

internal sealed partial class ConnectionActor
{
    /// <summary>Creates the link's child actors around <paramref name="link"/> and returns its session.</summary>
    private Session StartChildren(IAgentChannel link)
    {
        var sink = new FrameSink(link.Input, settings.Codec, settings.WriterQueueCapacity);
        Session? created = null;
        Func<Session> current = () => created!;   // children start before the session exists; they only use it later

        var factory = settings.LoggerFactory;
        var correlator = Context.ActorOf(Props.Create(() => new RpcCorrelator(current, factory.CreateLogger("Rmote.Connection.Rpc"))), "rpc");
        var toolSync = Context.ActorOf(Props.Create(() => new ToolSync(current, factory.CreateLogger("Rmote.Connection.ToolSync"))), "tool-sync");
        var logs = Context.ActorOf(Props.Create(() => new LogForwarder(factory)), "logs");
        created = new Session(link.Target, link.ProcessId, sink, new PendingCalls(), new ToolSyncClient(toolSync),
            correlator, settings);

        var router = new FrameRouter(current, correlator, toolSync, logs, () => DescribeExitAsync(link), factory.CreateLogger("Rmote.Connection.Reader"));
        Context.ActorOf(Props.Create(() => new FrameWriter(sink)), "writer");
        Context.ActorOf(Props.Create(() => new FrameReader(link.Decoder, router)), "reader");
        return created;
    }

    private static async Task<string> DescribeExitAsync(IAgentChannel link)
    {
        // The pipe closes a moment before the process is reaped: wait a little for the exit code, never long, and
        // without blocking a thread (reaping the child needs one).
        var reaped = await Task.WhenAny(link.Exited, Task.Delay(TimeSpan.FromMilliseconds(500))).ConfigureAwait(false) == link.Exited;
        var exited = reaped ? $" (exit code {link.Exited.Result})" : "";
        var stderr = link.StandardErrorTail.Trim();
        return stderr.Length == 0 ? exited : $"{exited}; its last standard error output: {stderr}";
    }
}
