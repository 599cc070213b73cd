using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Renci.SshNet;
using Renci.SshNet.Common;
using Rmote.Transports.OpenSsh;

namespace Rmote.Transports.SshNet;

/// <summary>
/// Connects with SSH.NET in this process and bootstraps the agent through an exec channel running <c>sh</c> — the same
/// stage-1 script, cache and upload as over OpenSSH, and the same <see cref="RmoteConnectException"/> reasons.
/// </summary>
internal static class SshNetConnector
{
    private const int ChannelAttempts = 3;

    /// <summary>The SSH.NET transport; see <see cref="AgentTransports.ConnectSshAsync"/>.</summary>
    public static async Task<AgentTransport> ConnectAsync(string destination, SshOptions ssh, RmoteOptions options,
        ILogger logger, ConnectScope scope)
    {
        var (user, host, port) = SshDestination.Parse(destination, ssh);
        var target = SshCommandLine.Describe(destination, ssh);
        var trust = HostKeyTrust.Create(ssh, host, port, logger);
        var key = ControlMasters.KeyFor(destination, ssh) + Convert.ToHexStringLower(SHA256.HashData(
            Encoding.UTF8.GetBytes((ssh.Passphrase ?? "") + "\n" + (ssh.Password ?? ""))))[..16];
        for (var attempt = 1; ; attempt++)
        {
            SshNetSessions.Lease lease;
            try
            {
                lease = await SshNetSessions.AcquireAsync(key, ssh.ConnectionSharing, ssh.ControlPersist,
                    ct => ConnectClientAsync(target, user, host, port, ssh, options, trust, scope, ct), scope.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException e)
            {
                throw scope.Translate(e, target, trust.Refusal);
            }
            try
            {
                return await AgentTransports.BootstrapAsync(
                    () => Task.Run(() => (AgentTransport)SshNetAgentTransport.Start(lease, RemoteShell.For(ssh), target, logger), scope.Token),
                    ssh.Dotnet, options, logger, onShellReached: null, scope).ConfigureAwait(false);
            }
            catch (SshException e) when (e is not SshConnectionException && attempt < ChannelAttempts)
            {
                // The server refused a channel (MaxSessions lower than ours, or another client's sessions): next session.
                logger.LogDebug("{Target}: channel refused ({Error}); opening another session", target, e.Message);
                lease.MarkFull();
                lease.Release();
            }
            catch (OperationCanceledException e)
            {
                lease.Release();
                throw scope.Translate(e, target, standardError: null);
            }
            catch (Exception e)
            {
                lease.Release();
                if (e is SshException)
                    throw new RmoteConnectException(ConnectFailureReason.TransportFailed, target,
                        $"the SSH channel could not be opened: {e.Message}", innerException: e);
                throw;
            }
        }
    }

    private static async Task<SshClient> ConnectClientAsync(string target, string user, string host, int port, SshOptions ssh,
        RmoteOptions options, HostKeyTrust trust, ConnectScope scope, CancellationToken cancellationToken)
    {
        // The timeout also bounds every later channel open on this shared session: the whole budget, not what is left
        // of this connect's (which the token bounds).
        var info = new ConnectionInfo(host, port, user, AuthenticationMethods(target, user, ssh)) { Timeout = options.ConnectTimeout };
        trust.PruneAlgorithms(info);
        if (CipherPreference.CpuHasAes && info.Encryptions.ContainsKey(CipherPreference.Preferred))
            info.Encryptions.SetPosition(CipherPreference.Preferred, 0);
        var client = new SshClient(info);
        client.HostKeyReceived += trust.OnHostKey;
        using var connect = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, trust.Refused);
        try
        {
            await client.ConnectAsync(connect.Token).ConfigureAwait(false);
            return client;
        }
        catch (Exception e)
        {
            client.Dispose();
            throw Translate(e, target, trust, scope);
        }
    }

    private static Exception Translate(Exception error, string target, HostKeyTrust trust, ConnectScope scope)
    {
        if (trust.Refusal is { } refusal)
            return new RmoteConnectException(ConnectFailureReason.HostKeyRejected, target, refusal, innerException: error);
        return error switch
        {
            SocketException { SocketErrorCode: SocketError.ConnectionRefused } => new RmoteConnectException(
                ConnectFailureReason.Refused, target,
                $"the host refused the connection ({error.Message}): is sshd running, and is the port right?", innerException: error),
            SocketException => new RmoteConnectException(ConnectFailureReason.Unreachable, target,
                $"the host could not be reached ({error.Message}): check the name, the network and the port.", innerException: error),
            SshAuthenticationException => new RmoteConnectException(ConnectFailureReason.AuthenticationFailed, target,
                $"authentication failed ({error.Message}): check the user, the key (SshOptions.IdentityFile, Passphrase) or "
                + "SshOptions.Password.", innerException: error),
            SshOperationTimeoutException => new RmoteConnectException(ConnectFailureReason.Timeout, target,
                $"the SSH handshake did not finish within the connect timeout ({error.Message}).", innerException: error),
            OperationCanceledException => scope.Translate(error, target, standardError: null),
            SshException => new RmoteConnectException(ConnectFailureReason.TransportFailed, target,
                $"the SSH connection failed: {error.Message}", innerException: error),
            _ => error,
        };
    }

    private static AuthenticationMethod[] AuthenticationMethods(string target, string user, SshOptions ssh)
    {
        var methods = new List<AuthenticationMethod>();
        var keys = KeyFiles(ssh).Select(file => LoadKey(target, file, ssh.Passphrase)).ToArray();
        if (keys.Length > 0) methods.Add(new PrivateKeyAuthenticationMethod(user, keys));
        if (ssh.Password is { } password)
        {
            methods.Add(new PasswordAuthenticationMethod(user, password));
            var interactive = new KeyboardInteractiveAuthenticationMethod(user);
            interactive.AuthenticationPrompt += (_, e) =>
            {
                foreach (var prompt in e.Prompts.Where(p => !p.IsEchoed)) prompt.Response = password;
            };
            methods.Add(interactive);
        }
        if (methods.Count == 0)
            throw new RmoteConnectException(ConnectFailureReason.AuthenticationFailed, target,
                "no way to authenticate: set SshOptions.IdentityFile (or have ~/.ssh/id_ed25519, id_ecdsa or id_rsa), or "
                + "SshOptions.Password. The SSH.NET transport does not use ssh-agent.");
        return [.. methods];
    }

    private static IEnumerable<string> KeyFiles(SshOptions ssh)
    {
        if (ssh.IdentityFile is { } file) return [file];
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return new[] { "id_ed25519", "id_ecdsa", "id_rsa" }.Select(name => Path.Combine(home, ".ssh", name)).Where(File.Exists);
    }

    private static PrivateKeyFile LoadKey(string target, string file, string? passphrase)
    {
        try
        {
            return passphrase is null ? new PrivateKeyFile(file) : new PrivateKeyFile(file, passphrase);
        }
        catch (SshPassPhraseNullOrEmptyException e)
        {
            throw new RmoteConnectException(ConnectFailureReason.AuthenticationFailed, target,
                $"the key {file} is encrypted: set SshOptions.Passphrase.", innerException: e);
        }
        catch (Exception e) when (e is SshException or CryptographicException or InvalidOperationException or ArgumentException)
        {
            throw new RmoteConnectException(ConnectFailureReason.AuthenticationFailed, target,
                $"the key {file} could not be read ({e.Message}){(passphrase is null ? "" : ": is SshOptions.Passphrase right?")}",
                innerException: e);
        }
        catch (IOException e)
        {
            throw new RmoteConnectException(ConnectFailureReason.AuthenticationFailed, target,
                $"the key {file} could not be read: {e.Message}", innerException: e);
        }
    }
}
