using Rmote.Protocol.Framing;

namespace Rmote.Actors.Links;

/// <summary>
/// The correlation table: request id → waiting call. It is the <see cref="RpcCorrelator"/>'s state, shared with the
/// callers (who register) and the reader (which completes) so that a round trip costs no actor hop; a call ends
/// exactly once — by its response, its cancellation or the link going down.
/// </summary>
internal sealed class PendingCalls : PendingTable<PendingCall>
{
    /// <summary>Registers a call; throws the close reason when the link is already down.</summary>
    public PendingCall Register(ulong id) => Add(id, new PendingCall(id));

    /// <summary>Completes the call waiting for <paramref name="response"/>; false when no call has that id.</summary>
    public bool TryComplete(in Frame response)
    {
        if (!TryTake(response.Id, out var call)) return false;
        call.Registration.Dispose();
        call.TrySetResult(response);
        return true;
    }

    protected override void Fail(PendingCall call, Exception failure)
    {
        call.Registration.Dispose();
        call.TrySetException(failure);
    }
}
