using Rmote.Integration.Tests.Docs;
using Rmote.Integration.Tests.Support;

namespace Rmote.Integration.Tests.Ssh;

/// <summary>The C# snippets of docs/ssh.md, run against the loopback sshd.</summary>
[Collection(SshCollection.Name)]
public sealed class SshDocSnippets(SshdFixture sshd)
{
    [Fact]
    public async Task Connect_with_both_clients_and_see_a_host_key_refusal()
    {
        var port = sshd.Port;
        var keyFile = sshd.UserKey;
        var knownHosts = sshd.Server.KnownHostsFile;
        var cache = sshd.NewCacheDirectory();
        #region snippet:ssh-connect
        var ssh = new SshOptions
        {
            User = "root",
            Port = port,
            IdentityFile = keyFile,
            Options = { "UserKnownHostsFile=" + knownHosts },
        };
        await using var connection = await RmoteConnection.ConnectSshAsync("127.0.0.1", ssh, new RmoteOptions { AgentCacheDirectory = cache });
        string hostname = await connection.CallAsync(() => Inventory.Hostname());
        #endregion

        #region snippet:ssh-no-sharing
        var direct = ssh with { ConnectionSharing = false };
        await using var own = await RmoteConnection.ConnectSshAsync("127.0.0.1", direct, new RmoteOptions { AgentCacheDirectory = cache });
        #endregion

        #region snippet:ssh-sshnet
        var inProcess = ssh with { Implementation = SshImplementation.SshNet };
        await using var viaSshNet = await RmoteConnection.ConnectSshAsync("127.0.0.1", inProcess, new RmoteOptions { AgentCacheDirectory = cache });
        #endregion

        #region snippet:ssh-errors
        string? refusal = null;
        try
        {
            var unknownHost = inProcess with { Options = ["UserKnownHostsFile=/dev/null", "GlobalKnownHostsFile=/dev/null"] };
            await using var refused = await RmoteConnection.ConnectSshAsync("127.0.0.1", unknownHost);
        }
        catch (RmoteConnectException e) when (e.Reason == ConnectFailureReason.HostKeyRejected)
        {
            refusal = e.Message; // "... the host key of [127.0.0.1]:port is not known (ssh-ed25519 key SHA256:...)"
        }
        #endregion

        Assert.Equal(Environment.MachineName, hostname);
        Assert.Equal(hostname, await own.CallAsync(() => Inventory.Hostname()).Within(Bounds.Generous, "direct call"));
        Assert.Equal(hostname, await viaSshNet.CallAsync(() => Inventory.Hostname()).Within(Bounds.Generous, "SSH.NET call"));
        Assert.Contains($"the host key of [127.0.0.1]:{sshd.Port} is not known (ssh-ed25519 key SHA256:", refusal);
    }
}
