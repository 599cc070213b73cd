using Rmote.Actors.Connection;
using Rmote.Protocol.Framing;
using Rmote.Transports;

namespace Rmote.Connections;

/// <summary>
/// Connects by starting a transport (local agent, command, ssh) and completing the protocol handshake within what is
/// left of the connect timeout. Handshake failures become <see cref="RmoteConnectException"/>s carrying the agent's
/// stderr, and a failed connect never leaves a process behind.
/// </summary>
internal sealed class TransportConnector(string target, Func<CancellationToken, Task<AgentTransport>> start, FrameCodecOptions codec)
    : IAgentConnector
{
    public string Target => target;

    public async Task<IAgentTransport> ConnectAsync(CancellationToken cancellationToken)
    {
        var link = await start(cancellationToken).ConfigureAwait(false);
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var remaining = link.ConnectDeadline - DateTimeOffset.UtcNow;
            deadline.CancelAfter(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero);
            var decoder = new FrameDecoder(link.Output, codec);
            await using (deadline.Token.Register(link.Kill).ConfigureAwait(false))
            {
                await Handshake.WriteAsync(link.Input, deadline.Token).ConfigureAwait(false);
                await Handshake.ReadAsync(decoder, deadline.Token).ConfigureAwait(false);
            }
            return new AgentChannel(link, decoder);
        }
        catch (Exception failure)
        {
            await link.DisposeAsync().ConfigureAwait(false);
            throw failure switch
            {
                _ when cancellationToken.IsCancellationRequested => failure,
                OperationCanceledException => new RmoteConnectException(ConnectFailureReason.Timeout, target,
                    "The agent started but did not complete the protocol handshake within the connect timeout.",
                    link.StandardErrorTail, failure),
                ConnectionLostException or IOException => await ExitedEarlyAsync(link, failure).ConfigureAwait(false),
                _ => failure,
            };
        }
    }

    private async Task<Exception> ExitedEarlyAsync(AgentTransport link, Exception failure)
    {
        var exit = await Task.WhenAny(link.Exited, Task.Delay(500)).ConfigureAwait(false) == link.Exited
            ? $" with exit code {link.Exited.Result}" : "";
        return new RmoteConnectException(ConnectFailureReason.AgentExitedEarly, target,
            $"The agent exited{exit} before the protocol handshake ({failure.Message}).", link.StandardErrorTail, failure);
    }
}
