using Microsoft.Extensions.Logging;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Rmote.Transports.SshNet;

/// <summary>
/// Strict host-key checking for SSH.NET, as OpenSSH does it: the user's and the system's known_hosts (or the files
/// named by <c>UserKnownHostsFile</c>/<c>GlobalKnownHostsFile</c> in <see cref="SshOptions.Options"/>); an unknown host
/// is refused with its fingerprint unless <see cref="SshOptions.AcceptNewHostKey"/> (or
/// <c>StrictHostKeyChecking=accept-new</c>) appends it; a changed or revoked key is refused always.
/// </summary>
internal sealed class HostKeyTrust
{
    private readonly KnownHosts _known;
    private readonly string _name;
    private readonly string? _appendTo;
    private readonly ILogger _logger;

    private HostKeyTrust(KnownHosts known, string name, string? appendTo, ILogger logger)
    {
        _known = known;
        _name = name;
        _appendTo = appendTo;
        _logger = logger;
    }

    /// <summary>Why the last presented key was refused (with its fingerprint), or <c>null</c>.</summary>
    public string? Refusal { get; private set; }

    /// <summary>
    /// Cancelled when a key is refused. SSH.NET does not always end its connect when the key exchange is rejected (it
    /// can sit until its timeout), so the connect also watches this token.
    /// </summary>
    public CancellationToken Refused => _refused.Token;

    private readonly CancellationTokenSource _refused = new();

    /// <summary>Reads the known_hosts files that apply to <paramref name="ssh"/>.</summary>
    public static HostKeyTrust Create(SshOptions ssh, string host, int port, ILogger logger)
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var user = SshOptionSettings.Find(ssh, "UserKnownHostsFile") is { } u ? Files(u, home) : [Path.Combine(home, ".ssh", "known_hosts")];
        var global = SshOptionSettings.Find(ssh, "GlobalKnownHostsFile") is { } g ? Files(g, home) : ["/etc/ssh/ssh_known_hosts"];
        var strict = SshOptionSettings.Find(ssh, "StrictHostKeyChecking");
        if (strict is not null && !strict.Equals("yes", StringComparison.OrdinalIgnoreCase)
                               && !strict.Equals("accept-new", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"StrictHostKeyChecking={strict} is not supported by the SSH.NET transport: host keys "
                                        + "are always checked (use yes, or accept-new / SshOptions.AcceptNewHostKey).", nameof(ssh));
        var acceptNew = ssh.AcceptNewHostKey || string.Equals(strict, "accept-new", StringComparison.OrdinalIgnoreCase);
        var appendTo = acceptNew ? user.FirstOrDefault(f => f != "/dev/null") : null;
        return new HostKeyTrust(KnownHosts.Load([.. user, .. global]), KnownHosts.LookupName(host, port), appendTo, logger);
    }

    /// <summary>Offers only the host-key algorithms whose key types known_hosts has for this host (all when it has none).</summary>
    public void PruneAlgorithms(ConnectionInfo info)
    {
        var types = _known.KeyTypesFor(_name);
        if (types.Count == 0) return;
        foreach (var algorithm in info.HostKeyAlgorithms.Keys.ToList())
            if (!types.Contains(KeyTypeOfAlgorithm(algorithm)))
                info.HostKeyAlgorithms.Remove(algorithm);
    }

    /// <summary>The <see cref="BaseClient.HostKeyReceived"/> handler.</summary>
    public void OnHostKey(object? sender, HostKeyEventArgs e)
    {
        var fingerprint = $"{KnownHosts.KeyTypeOf(e.HostKey)} key SHA256:{e.FingerPrintSHA256}";
        switch (_known.Check(_name, e.HostKey))
        {
            case KnownHosts.Verdict.Trusted:
                e.CanTrust = true;
                return;
            case KnownHosts.Verdict.Unknown when _appendTo is not null:
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(_appendTo))!);
                File.AppendAllText(_appendTo, KnownHosts.FormatLine(_name, e.HostKey) + "\n");
                _logger.LogWarning("permanently added {Name} ({Fingerprint}) to {File}", _name, fingerprint, _appendTo);
                e.CanTrust = true;
                return;
            case KnownHosts.Verdict.Unknown:
                Refusal = $"the host key of {_name} is not known ({fingerprint}). Verify it out of band, then add it to "
                          + "known_hosts (ssh-keyscan), or set SshOptions.AcceptNewHostKey to trust it on first use.";
                break;
            case KnownHosts.Verdict.Revoked:
                Refusal = $"the host key of {_name} ({fingerprint}) is marked @revoked in known_hosts.";
                break;
            default:
                Refusal = $"the host key of {_name} has CHANGED ({fingerprint} is not the key in known_hosts): someone "
                          + "may be intercepting the connection, or the host was reinstalled. Nothing was sent; verify and "
                          + "update known_hosts.";
                break;
        }
        e.CanTrust = false;
        // Not on SSH.NET's receive thread: cancellation callbacks would run there, inside its key exchange.
        _ = Task.Run(_refused.Cancel);
    }

    // rsa-sha2-256/512 sign with ssh-rsa keys; certificate algorithms are never offered here.
    private static string KeyTypeOfAlgorithm(string algorithm) => algorithm switch
    {
        "rsa-sha2-256" or "rsa-sha2-512" => "ssh-rsa",
        _ => algorithm,
    };

    private static string[] Files(string value, string home) =>
        value.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(f => f.StartsWith("~/", StringComparison.Ordinal) ? Path.Combine(home, f[2..]) : f).ToArray();
}
