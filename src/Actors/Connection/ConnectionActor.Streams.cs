using Rmote.Protocol.Tools;

namespace Rmote.Actors.Connection;

// Message streams (InvokeStream): each open stream is pulled one item at a time while its requester has demand, and
// every message about it — items, the end, the failure — comes from this actor, so they arrive in order. A requester
// is watched while it has open streams: when it stops, they are cancelled. When the link is lost, the streams running
// on it fail with its reason (a requester that asks for nothing would not hear otherwise); when the connection gives
// up, all open streams do, like invokes.
internal sealed partial class ConnectionActor
{
    private readonly Dictionary<(IActorRef Requester, long CorrelationId), MessageStream> openStreams = [];
    private readonly Dictionary<long, MessageStream> pulling = [];
    private readonly WatchedRequesters requesters = new();
    private long lastStream;

    private void ReceiveStreams()
    {
        Receive<InvokeStream>(OnInvokeStream);
        Receive<StreamDemand>(OnStreamDemand);
        Receive<CancelStream>(cancel =>
        {
            if (openStreams.TryGetValue((Sender, cancel.CorrelationId), out var stream)) EndStream(stream, null);
        });
        Receive<MessageStream.Pulled>(OnPulled);
        Receive<Terminated>(t => requesters.Contains(t.ActorRef), t =>
        {
            foreach (var stream in openStreams.Values.Where(s => s.Requester.Equals(t.ActorRef)).ToList()) EndStream(stream, null);
        });
    }

    private void OnInvokeStream(InvokeStream invoke)
    {
        ToolMethod method;
        try
        {
            ArgumentNullException.ThrowIfNull(invoke.Call, nameof(invoke.Call));
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(invoke.Window, nameof(invoke.Window));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(invoke.Window, InvokeStream.MaxWindow, nameof(invoke.Window));
            method = invoke.Call.Resolve();
            if (!method.IsStream) throw new ArgumentException($"{method.Key} does not return IAsyncEnumerable<T>; send it in an Invoke.", nameof(invoke.Call));
            if (openStreams.ContainsKey((Sender, invoke.CorrelationId)))
                throw new ArgumentException($"A stream with correlation id {invoke.CorrelationId} is open for this sender already.", nameof(invoke.CorrelationId));
        }
        catch (ArgumentException invalid)
        {
            Sender.Tell(new Status.Failure(invalid, invoke.CorrelationId));
            return;
        }

        var stream = new MessageStream(++lastStream, Sender, invoke.CorrelationId, method, invoke.Call.Arguments, invoke.Window);
        openStreams[(Sender, invoke.CorrelationId)] = stream;
        requesters.Add(Sender, Context);
        Pull(stream);
    }

    private void OnStreamDemand(StreamDemand demand)
    {
        if (demand.Count <= 0 || !openStreams.TryGetValue((Sender, demand.CorrelationId), out var stream)) return;
        stream.Demand += demand.Count;
        if (!stream.Pulling) Pull(stream);
    }

    private void OnPulled(MessageStream.Pulled pulled)
    {
        if (!pulling.Remove(pulled.Sequence, out var stream)) return;
        stream.Returned();
        if (stream.Closed) stream.Close();   // stopped while the pull was in flight: dispose now
        else if (pulled.Failure is { } failure) EndStream(stream, new Status.Failure(failure, stream.CorrelationId));
        else if (!pulled.HasItem) EndStream(stream, new StreamCompleted(stream.CorrelationId));
        else
        {
            stream.Requester.Tell(new StreamItem(stream.CorrelationId, pulled.Item), Self);
            if (--stream.Demand > 0) Pull(stream);
        }
    }

    private void Pull(MessageStream stream)
    {
        pulling[stream.Sequence] = stream;
        stream.Pull(holder, Self);
    }

    /// <summary>Ends <paramref name="stream"/>: its requester gets <paramref name="last"/> (none when it cancelled), the tool is stopped.</summary>
    private void EndStream(MessageStream stream, object? last)
    {
        if (!openStreams.Remove((stream.Requester, stream.CorrelationId))) return;
        if (last is not null) stream.Requester.Tell(last, Self);
        stream.Close();
        requesters.Remove(stream.Requester, Context);
    }

    /// <summary>
    /// Fails the open streams with <paramref name="reason"/>: all of them, or (<paramref name="startedOnly"/>, the link
    /// was lost) those running on it — also those whose requester asks for nothing now, so no pull would notice.
    /// </summary>
    private void FailStreams(Exception reason, bool startedOnly = false)
    {
        foreach (var stream in openStreams.Values.Where(s => !startedOnly || s.Started).ToList())
            EndStream(stream, new Status.Failure(reason, stream.CorrelationId));
    }
}
