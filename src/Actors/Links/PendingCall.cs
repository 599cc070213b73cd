using Rmote.Protocol.Framing;

namespace Rmote.Actors.Links;

/// <summary>
/// One call waiting for its response frame. Continuations run asynchronously so that the reader loop, which completes
/// the call, never runs a caller's code (decoding the result happens on the caller's side of the await).
/// </summary>
internal sealed class PendingCall(ulong id) : TaskCompletionSource<Frame>(TaskCreationOptions.RunContinuationsAsynchronously)
{
    /// <summary>The request id.</summary>
    public ulong Id { get; } = id;

    /// <summary>The registration on the caller's token (and timeout), released when the call ends.</summary>
    public CancellationTokenRegistration Registration { get; set; }
}
