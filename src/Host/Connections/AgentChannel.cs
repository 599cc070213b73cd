using Rmote.Actors.Connection;
using Rmote.Protocol.Framing;
using Rmote.Transports;

namespace Rmote.Connections;

/// <summary>An <see cref="AgentLink"/> after the handshake, as the connection actors consume it.</summary>
internal sealed class AgentChannel(AgentLink link, FrameDecoder decoder) : IAgentChannel
{
    public string Target => link.Target;

    public int? ProcessId => link.ProcessId;

    public Stream Input => link.Input;

    public FrameDecoder Decoder => decoder;

    public Task<int> Exited => link.Exited;

    public string StandardErrorTail => link.StandardErrorTail;

    public ValueTask DisposeAsync() => link.DisposeAsync();
}
