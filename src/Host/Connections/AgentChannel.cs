using Rmote.Actors.Connection;
using Rmote.Protocol.Framing;
using Rmote.Transports;

namespace Rmote.Connections;

/// <summary>An <see cref="AgentTransport"/> after the handshake, as the connection actors consume it.</summary>
internal sealed class AgentChannel(AgentTransport link, FrameDecoder decoder) : IAgentTransport
{
    // The link's own escalation (close stdin, 500 ms, SIGTERM, 1 s, SIGKILL) takes about 1.5 s; closing stdin can block
    // behind a write to an agent that stopped reading (SIGSTOP), so past this bound the process is killed outright.
    private static readonly TimeSpan DisposeBound = TimeSpan.FromSeconds(3);

    public string Target => link.Target;

    public int? ProcessId => link.ProcessId;

    public Stream Input => link.Input;

    public FrameDecoder Decoder => decoder;

    public Task<int> Exited => link.Exited;

    public string StandardErrorTail => link.StandardErrorTail;

    public async ValueTask DisposeAsync()
    {
        var closing = link.DisposeAsync().AsTask();
        if (await Task.WhenAny(closing, Task.Delay(DisposeBound)).ConfigureAwait(false) != closing) link.Kill();
        await closing.ConfigureAwait(false);
    }
}
