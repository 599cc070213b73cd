using System.Text.Json;
using Rmote.Protocol.Framing;
using Rmote.Protocol.Messages;

namespace Rmote.Protocol.Tests;

/// <summary>Sends an exception the way a failed call does: captured into a frame's JSON payload, read back, rebuilt.</summary>
internal static class ExceptionRoundTrip
{
    public static Exception Transport(Exception exception)
    {
        var frame = ProtocolMessages.Failure(FrameFlags.Rpc, 1, exception);
        var json = JsonSerializer.Serialize(JsonDocument.Parse(frame.Payload).RootElement);
        Assert.False(string.IsNullOrEmpty(json));
        return ProtocolMessages.ReadException(frame).ToException();
    }

    public static Exception Thrown(Action action)
    {
        try
        {
            action();
        }
        catch (Exception caught)
        {
            return caught;
        }

        throw new InvalidOperationException("did not throw");
    }
}
