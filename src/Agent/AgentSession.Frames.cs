using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Rmote.Agent.Diagnostics;
using Rmote.Protocol.Framing;
using Rmote.Protocol.Messages;
using Rmote.Protocol.Tools;

namespace Rmote.Agent;

// What the agent does with each kind of frame.
internal sealed partial class AgentSession
{
    /// <summary>Handles one frame; returns false when the session should end.</summary>
    private async ValueTask<bool> HandleAsync(Frame frame)
    {
        switch (frame.Kind)
        {
            case FrameFlags.Rpc when frame.IsRequest:
                // Registered here, in frame order, so that a CANCEL right behind the request always finds the call.
                ThreadPool.UnsafeQueueUserWorkItem(static state => _ = state.Session.ServeRpcAsync(state.Request, state.Cancellation),
                    (Session: this, Request: frame, Cancellation: calls.Start(frame.Id)), preferLocal: false);
                break;
            case FrameFlags.Sync when frame.IsRequest:
                StartupTimeline.Mark("sync received");
                var (reply, loaded) = ServeSync(frame);
                await outbox.PostAsync(reply).ConfigureAwait(false);
                StartupTimeline.Mark("sync reply queued");
                if (loaded is not null)
                {
                    // Logged after the reply and off the read loop: the first log record's set-up (formatting, JSON)
                    // must not delay the reply, nor the call pipelined right behind this SYNC.
                    ThreadPool.UnsafeQueueUserWorkItem(static state => state.Logger.LogDebug("Loaded tool assembly {Assembly} ({Bytes} bytes)", state.Name, state.Bytes),
                        (Logger: logger, loaded.Value.Name, loaded.Value.Bytes), preferLocal: false);
                }
                break;
            case FrameFlags.Dependency when frame.IsResponse:
                dependencies.Complete(frame);
                break;
            case FrameFlags.Cancel:
                calls.Cancel(frame.Id);
                break;
            case FrameFlags.StreamItem or FrameFlags.StreamEnd:
                // Input to a running call (an upload); after the call ended it is dropped.
                if (!ToolInput.TryDeliver(frame))
                {
                    frame.ReturnLease();
                    logger.LogDebug("Dropping input {Frame} for a call that does not read it", frame);
                }
                break;
            case FrameFlags.StreamDemand:
                calls.Grant(frame.Id, StreamMessages.ReadDemand(frame));
                break;
            case FrameFlags.Ping when frame.IsRequest:
                await outbox.PostAsync(ProtocolMessages.Pong(frame)).ConfigureAwait(false);
                break;
            case FrameFlags.Shutdown:
                return false;
            case var kind when frame.IsRequest:
                await outbox.PostAsync(ProtocolMessages.Failure(kind, frame.Id, new NotSupportedException($"This agent does not support {kind} requests."))).ConfigureAwait(false);
                break;
            default:
                logger.LogDebug("Ignoring {Frame}", frame);
                break;
        }

        return true;
    }

    private async Task ServeRpcAsync(Frame request, CancellationTokenSource cancellation)
    {
        var call = new ToolCall(request.Id, cancellation.Token);
        ToolContext.Current = call;
        Frame reply;
        try
        {
            StartupTimeline.Mark("call started");
            var invoker = resolver.Resolve(ToolMethod.ReadKey(request.Payload.Span));
            StartupTimeline.Mark("call resolved");
            var arguments = invoker.Method.DecodeArguments(request.Payload.Span, cancellation.Token);
            StartupTimeline.Mark("arguments decoded");
            reply = invoker.Method.IsStream
                ? await ServeStreamAsync(invoker, arguments, call, cancellation.Token).ConfigureAwait(false)
                : invoker.Method.CreateResult(request.Id, await invoker.InvokeAsync(arguments).ConfigureAwait(false));
            StartupTimeline.Mark("tool method returned");
        }
        catch (OperationCanceledException cancelled) when (closing.IsCancellationRequested)
        {
            // Cancelled because the connection ended, not by the host: that is what the host must hear, if it still can.
            reply = ProtocolMessages.Failure(FrameFlags.Rpc, request.Id,
                new ConnectionLostException("The agent's connection ended while the call ran: the call was cancelled and the agent exits.", cancelled));
        }
        catch (Exception failure)
        {
            reply = ProtocolMessages.Failure(FrameFlags.Rpc, request.Id, failure);
        }
        finally
        {
            ToolInput.Forget(request.Id);
        }

        var exit = ExitRequestedBy(request.Id);
        try
        {
            await outbox.PostAsync(reply).ConfigureAwait(false);
            StartupTimeline.Complete("first response queued");
        }
        finally
        {
            // Registered until its reply is queued: an agent that is closing waits for this (CallRegistry.DrainAsync),
            // so neither the reply nor the start-up profile's last step is cut off by the exit.
            calls.Finish(request.Id, cancellation);
        }
        if (exit is not null)
        {
            Exit(exit);
        }
    }

    /// <summary>Loads the synced assembly; returns the reply and, when it loaded, the assembly's name and size.</summary>
    private (Frame Reply, (string Name, int Bytes)? Loaded) ServeSync(in Frame request)
    {
        try
        {
            var image = MemoryMarshal.TryGetArray(request.Payload, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
                ? segment.Array
                : request.Payload.ToArray();
            var assembly = tools.LoadImage(image);
            StartupTimeline.Mark("sync loaded");
            var name = assembly.GetName().Name!;
            return (ProtocolMessages.SyncReply(request.Id, name), (name, image.Length));
        }
        catch (Exception failure)
        {
            return (ProtocolMessages.Failure(FrameFlags.Sync, request.Id, failure), null);
        }
    }
}
