using Microsoft.Extensions.Logging;

namespace Rmote.Transports.SshNet;

internal static class SshNetConnector
{
    public static Task<AgentTransport> ConnectAsync(string destination, SshOptions ssh, RmoteOptions options,
        ILogger logger, ConnectScope scope) => throw new NotImplementedException();
}
