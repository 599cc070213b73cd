using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Rmote.Integration.Tests.Support;
using Rmote.TestKit.Ssh;
using Rmote.TestTools;
using static Rmote.Integration.Tests.Ssh.AgentTestSupport;

namespace Rmote.Integration.Tests.Ssh;

/// <summary>The SSH.NET transport against the loopback sshd: host keys, authentication, errors and sharing.</summary>
[Collection(SshCollection.Name)]
public sealed partial class SshNetTransportTests(SshdFixture sshd)
{
    private readonly string cache = sshd.NewCacheDirectory();

    private RmoteOptions Options => new() { AgentCacheDirectory = cache, ConnectTimeout = ConnectTimeout };

    private string Name => $"[127.0.0.1]:{sshd.Port}";

    // The fixture's options with our own known_hosts content (and SSH.NET), or as they are.
    private SshOptions Ssh(string? knownHosts = null, string? identityFile = null, string user = "root")
    {
        var options = sshd.Options(user, identityFile) with { Implementation = SshImplementation.SshNet };
        if (knownHosts is null) return options;
        var file = Path.Combine(sshd.Directory, "kh-" + Guid.NewGuid().ToString("N")[..8]);
        File.WriteAllText(file, knownHosts);
        return options with { Options = [.. options.Options.Where(o => !o.StartsWith("UserKnownHostsFile=")), "UserKnownHostsFile=" + file] };
    }

    private static string KnownHostsFile(SshOptions ssh) => ssh.Options.Single(o => o.StartsWith("UserKnownHostsFile="))["UserKnownHostsFile=".Length..];

    private async Task<int> CallOnceAsync(SshOptions ssh)
    {
        // The noisy user cannot write root's cache: its own default one (under its home) is used.
        var options = ssh.User == sshd.NoisyUser ? Options with { AgentCacheDirectory = null } : Options;
        await using var connection = await RmoteConnection.ConnectSshAsync("127.0.0.1", ssh, options).Within(Bounds.Generous * 2, "connect");
        return await connection.CallAsync(() => HostScenarios.Sum(new[] { 20, 22 })).Within(Bounds.Generous, "call");
    }

    private async Task<RmoteConnectException> FailsAsync(SshOptions ssh, ConnectFailureReason reason)
    {
        var error = await Assert.ThrowsAsync<RmoteConnectException>(() => CallOnceAsync(ssh));
        Assert.Equal(reason, error.Reason);
        return error;
    }

    [Fact]
    public async Task A_known_host_with_hashed_and_wildcard_entries_is_trusted()
    {
        var salt = RandomNumberGenerator.GetBytes(20);
        var hash = HMACSHA1.HashData(salt, Encoding.UTF8.GetBytes(Name));
        Assert.Equal(42, await CallOnceAsync(Ssh($"|1|{Convert.ToBase64String(salt)}|{Convert.ToBase64String(hash)} {sshd.Server.HostPublicKey}\n")));
        Assert.Equal(42, await CallOnceAsync(Ssh($"other,[127.0.0.?]:{sshd.Port} {sshd.Server.HostPublicKey}\n")));
    }

    [Fact]
    public async Task An_unknown_host_is_refused_with_its_fingerprint_and_accept_new_adds_it()
    {
        var ssh = Ssh($"[127.0.0.2]:{sshd.Port} {sshd.Server.HostPublicKey}\n");
        var error = await FailsAsync(ssh, ConnectFailureReason.HostKeyRejected);
        Assert.Contains("not known (ssh-ed25519 key SHA256:", error.Message);

        Assert.Equal(42, await CallOnceAsync(ssh with { AcceptNewHostKey = true }));
        Assert.Contains($"{Name} {sshd.Server.HostPublicKey}", File.ReadAllText(KnownHostsFile(ssh)));
        Assert.Equal(42, await CallOnceAsync(ssh));
    }

    [Fact]
    public async Task A_changed_host_key_is_refused_even_with_accept_new()
    {
        var other = File.ReadAllText(sshd.WrongKey + ".pub").Split(' ');
        var ssh = Ssh($"{Name} {other[0]} {other[1]}\n") with { AcceptNewHostKey = true };
        var error = await FailsAsync(ssh, ConnectFailureReason.HostKeyRejected);
        Assert.Contains("CHANGED", error.Message);
    }

    [Fact]
    public async Task A_revoked_host_key_is_refused()
    {
        var error = await FailsAsync(Ssh($"{Name} {sshd.Server.HostPublicKey}\n@revoked * {sshd.Server.HostPublicKey}\n"),
            ConnectFailureReason.HostKeyRejected);
        Assert.Contains("@revoked", error.Message);
    }

    [Fact]
    public async Task Every_key_type_authenticates_and_a_wrong_key_fails()
    {
        Assert.Equal(42, await CallOnceAsync(Ssh(identityFile: sshd.Server.RsaKey)));
        Assert.Equal(42, await CallOnceAsync(Ssh(identityFile: sshd.Server.EcdsaKey)));
        await FailsAsync(Ssh(identityFile: sshd.WrongKey), ConnectFailureReason.AuthenticationFailed);
    }

    [Fact]
    public async Task An_encrypted_key_needs_its_passphrase()
    {
        var ssh = Ssh(identityFile: sshd.Server.EncryptedKey);
        var error = await FailsAsync(ssh, ConnectFailureReason.AuthenticationFailed);
        Assert.Contains("SshOptions.Passphrase", error.Message);
        await FailsAsync(ssh with { Passphrase = "wrong" }, ConnectFailureReason.AuthenticationFailed);
        Assert.Equal(42, await CallOnceAsync(ssh with { Passphrase = sshd.Server.Passphrase }));
    }

    [Fact]
    public async Task A_password_authenticates_and_is_never_printed()
    {
        var ssh = Ssh(user: sshd.NoisyUser) with { IdentityFile = "/nonexistent-key", Password = sshd.Server.NoisyUserPassword };
        await FailsAsync(ssh, ConnectFailureReason.AuthenticationFailed); // the missing key file is an error, not skipped
        ssh = ssh with { IdentityFile = sshd.WrongKey };
        Assert.Equal(42, await CallOnceAsync(ssh));
        Assert.DoesNotContain(sshd.Server.NoisyUserPassword, ssh.ToString());
        await FailsAsync(ssh with { Password = "wrong" }, ConnectFailureReason.AuthenticationFailed);
    }

    [Fact]
    public async Task A_password_answers_keyboard_interactive_prompts_of_PAM()
    {
        // A server of its own: PAM on, and for the noisy user keyboard-interactive only (no plain password method).
        await using var server = new LoopbackSshd(keyboardInteractive: true);
        await server.StartAsync();
        var ssh = server.Options(server.NoisyUser) with
        {
            Implementation = SshImplementation.SshNet, IdentityFile = server.WrongKey, Password = server.NoisyUserPassword,
        };
        var options = new RmoteOptions { ConnectTimeout = ConnectTimeout };

        await using (var connection = await RmoteConnection.ConnectSshAsync("127.0.0.1", ssh, options).Within(Bounds.Generous * 2, "connect"))
            Assert.Equal(42, await connection.CallAsync(() => HostScenarios.Sum(new[] { 20, 22 })).Within(Bounds.Generous, "call"));
        Assert.Matches($"Accepted keyboard-interactive/pam for {server.NoisyUser}", server.SshdLog);
        Assert.DoesNotContain(server.NoisyUserPassword, ssh.ToString());

        var error = await Assert.ThrowsAsync<RmoteConnectException>(() => RmoteConnection.ConnectSshAsync("127.0.0.1", ssh with { Password = "wrong" }, options));
        Assert.Equal(ConnectFailureReason.AuthenticationFailed, error.Reason);
    }

    [Fact]
    public async Task Without_an_ssh_binary_on_PATH_the_default_implementation_is_SSH_NET()
    {
        // SshImplementation.Auto is resolved once per process from PATH: a CLI process without ssh on its PATH shows it.
        var inventory = Path.Combine(sshd.Directory, $"auto-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(inventory, $"""
            hosts:
              box:
                ssh: 127.0.0.1
                user: root
                port: {sshd.Port}
                identity_file: {sshd.UserKey}
                ssh_options: [{string.Join(", ", sshd.Options().Options)}]
                agent_cache: {cache}
            """);
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "Rmote.Host"), ["ping", "-i", inventory, "--json", "-v"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        start.Environment["PATH"] = "/nonexistent";
        using var cli = Process.Start(start)!;
        var output = cli.StandardOutput.ReadToEndAsync();
        var errors = cli.StandardError.ReadToEndAsync();
        await cli.WaitForExitAsync().Within(Bounds.Generous * 2, "rmote ping without ssh on PATH");

        Assert.True(cli.ExitCode == 0, $"exit {cli.ExitCode}: {await output} {await errors}");
        Assert.Contains("pong from root@", await output);
        Assert.Contains("exec channel open", await errors);   // the SSH.NET transport's own step; OpenSSH would start a process
    }

    [Fact]
    public async Task A_closed_port_is_refused_within_the_connect_timeout()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var clock = Stopwatch.StartNew();
        await FailsAsync(Ssh() with { Port = port }, ConnectFailureReason.Refused);
        Assert.True(clock.Elapsed < ConnectTimeout, $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Twenty_connections_share_two_sessions()
    {
        var ssh = Ssh() with { Options = [.. Ssh().Options, "ServerAliveCountMax=" + Random.Shared.Next(100, 100_000)] };
        var before = Logins();
        var connections = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            var connection = await RmoteConnection.ConnectSshAsync("127.0.0.1", ssh, Options);
            Assert.Equal(i, await connection.CallAsync(() => HostScenarios.Sum(new[] { i })));
            return connection;
        })).Within(Bounds.Generous * 2, "20 connections");
        try
        {
            Assert.Equal(2, Logins() - before);
        }
        finally
        {
            await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask())).Within(Bounds.Generous, "disposing");
        }
    }

    private int Logins() => AcceptedLine().Matches(sshd.SshdLog).Count;

    [GeneratedRegex("^Accepted publickey for root", RegexOptions.Multiline)]
    private static partial Regex AcceptedLine();
}
