using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Rmote.TestKit.Ssh;

/// <summary>
/// A real OpenSSH server on 127.0.0.1 with throwaway keys, plus a throwaway Unix user whose login shell prints noise.
/// Everything lives in one temp dir (keys, config, known_hosts, the user's home) and is removed afterwards; the
/// user's own ~/.ssh is never read for trust (UserKnownHostsFile points at our known_hosts, the host key is
/// pre-trusted, checking stays on). Requires root (sshd, useradd) and /usr/sbin/sshd — fails, never skips.
/// Used by the SSH test fixture and by the benchmark program's <c>ssh</c> suite.
/// </summary>
public sealed class LoopbackSshd : IAsyncDisposable
{
    private const string Sshd = "/usr/sbin/sshd";
    private readonly StringBuilder _sshdLog = new();
    private readonly string _listenAddress;
    private readonly IReadOnlyList<string> _launcher;
    private readonly string _extraConfig;
    private readonly bool _keyboardInteractive;
    private Process? _sshd;
    private bool _userCreated;

    /// <summary>
    /// An sshd on 127.0.0.1 — or on <paramref name="listenAddress"/>, started through <paramref name="launcher"/> (e.g.
    /// <c>["ip", "netns", "exec", NAME]</c> for a network namespace), with <paramref name="extraConfig"/> appended to
    /// its sshd_config (e.g. a <c>Match</c> block). With <paramref name="keyboardInteractive"/> the noisy user logs in
    /// with its password through PAM's keyboard-interactive prompts instead of plain password authentication.
    /// </summary>
    public LoopbackSshd(string listenAddress = "127.0.0.1", IReadOnlyList<string>? launcher = null, string extraConfig = "",
        bool keyboardInteractive = false)
    {
        _listenAddress = listenAddress;
        _launcher = launcher ?? [];
        _extraConfig = extraConfig;
        _keyboardInteractive = keyboardInteractive;
    }

    /// <summary>The temp dir holding everything.</summary>
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("rmote-sshd-").FullName;

    /// <summary>The port sshd listens on (127.0.0.1).</summary>
    public int Port { get; private set; }

    /// <summary>A key sshd accepts for root and <see cref="NoisyUser"/>.</summary>
    public string UserKey => Path.Combine(Directory, "id_ed25519");

    /// <summary>A valid key sshd does not accept.</summary>
    public string WrongKey => Path.Combine(Directory, "wrong_ed25519");

    /// <summary>Accepted keys of the other types: RSA and ECDSA.</summary>
    public string RsaKey => Path.Combine(Directory, "id_rsa");

    /// <inheritdoc cref="RsaKey"/>
    public string EcdsaKey => Path.Combine(Directory, "id_ecdsa");

    /// <summary>An accepted ed25519 key encrypted with <see cref="Passphrase"/>.</summary>
    public string EncryptedKey => Path.Combine(Directory, "enc_ed25519");

    /// <summary>The passphrase of <see cref="EncryptedKey"/>.</summary>
    public string Passphrase { get; } = "pass-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>The password of <see cref="NoisyUser"/> (password authentication is on for that user only).</summary>
    public string NoisyUserPassword { get; } = "pw-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>The server's public host key as known_hosts writes it: <c>ssh-ed25519 AAAA…</c>.</summary>
    public string HostPublicKey { get; private set; } = "";

    /// <summary>The known_hosts file the <see cref="Options"/> point at (pre-trusting the host key).</summary>
    public string KnownHostsFile => Path.Combine(Directory, "known_hosts");

    /// <summary>A throwaway user (bash login shell) whose ~/.bashrc prints noise before any command runs.</summary>
    public string NoisyUser { get; } = "rmote-t" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()[..4]);

    /// <summary>The noisy user's home directory (inside <see cref="Directory"/>).</summary>
    public string NoisyUserHome => Path.Combine(Directory, "home");

    /// <summary>SSH options for this server: our known_hosts, no agent keys, the given (or the accepted) key.</summary>
    public SshOptions Options(string user = "root", string? identityFile = null, string dotnet = "dotnet") => new()
    {
        User = user,
        Port = Port,
        IdentityFile = identityFile ?? UserKey,
        Dotnet = dotnet,
        Options =
        {
            "UserKnownHostsFile=" + Path.Combine(Directory, "known_hosts"),
            "GlobalKnownHostsFile=/dev/null",
            "IdentitiesOnly=yes",
            "IdentityAgent=none",
        },
    };

    /// <summary>A fresh, empty agent cache directory for one test.</summary>
    public string NewCacheDirectory() => System.IO.Directory.CreateDirectory(
        Path.Combine(Directory, "cache-" + Guid.NewGuid().ToString("N")[..8])).FullName;

    /// <summary>sshd's own log so far (for assertion messages).</summary>
    public string SshdLog
    {
        get
        {
            lock (_sshdLog) return _sshdLog.ToString();
        }
    }

    /// <summary>Generates the keys, creates the noisy user, starts sshd and waits until it accepts connections.</summary>
    public async Task StartAsync()
    {
        if (!OperatingSystem.IsLinux())
            throw new PlatformNotSupportedException("The sshd fixture runs OpenSSH's server, which these tests need on Linux.");
        if (!File.Exists(Sshd))
            throw new InvalidOperationException(
                $"{Sshd} is missing: the SSH tests need a real OpenSSH server. Install it (apt-get install openssh-server); "
                + ".ci/run does this.");
        // sshd (as root) reads the user's authorized_keys with that user's rights, so the dir must be traversable.
        File.SetUnixFileMode(Directory, (UnixFileMode)0b111_101_101);
        System.IO.Directory.CreateDirectory("/run/sshd");

        foreach (var key in new[] { "host_ed25519", "id_ed25519", "wrong_ed25519" })
            await Commands.RunAsync("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", key, "-f", Path.Combine(Directory, key));
        await Commands.RunAsync("ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-N", "", "-C", "id_rsa", "-f", RsaKey);
        await Commands.RunAsync("ssh-keygen", "-q", "-t", "ecdsa", "-b", "256", "-N", "", "-C", "id_ecdsa", "-f", EcdsaKey);
        await Commands.RunAsync("ssh-keygen", "-q", "-t", "ed25519", "-N", Passphrase, "-C", "enc", "-f", EncryptedKey);
        await File.WriteAllLinesAsync(Path.Combine(Directory, "authorized_keys"),
            new[] { UserKey, RsaKey, EcdsaKey, EncryptedKey }.Select(k => File.ReadAllText(k + ".pub").Trim()));

        Port = FreePort();
        var hostKey = (await File.ReadAllTextAsync(Path.Combine(Directory, "host_ed25519.pub"))).Split(' ');
        HostPublicKey = hostKey[0] + " " + hostKey[1];
        await File.WriteAllTextAsync(KnownHostsFile, $"[{_listenAddress}]:{Port} {HostPublicKey}\n");
        var config = Path.Combine(Directory, "sshd_config");
        await File.WriteAllTextAsync(config, $"""
            Port {Port}
            ListenAddress {_listenAddress}
            HostKey {Path.Combine(Directory, "host_ed25519")}
            AuthorizedKeysFile {Path.Combine(Directory, "authorized_keys")}
            PidFile {Path.Combine(Directory, "sshd.pid")}
            UsePAM {(_keyboardInteractive ? "yes" : "no")}
            StrictModes no
            PermitRootLogin prohibit-password
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            PubkeyAuthentication yes
            AllowUsers root {NoisyUser}
            Match User {NoisyUser}
                {(_keyboardInteractive ? "KbdInteractiveAuthentication yes" : "PasswordAuthentication yes")}

            {_extraConfig}
            """);

        await CreateNoisyUserAsync();
        StartSshd(config);
        await WaitUntilListeningAsync();
    }

    /// <summary>
    /// Kills sshd and every session process under it with SIGKILL, as a crash of the server machine's sshd would:
    /// TCP connections drop, agents die. The fixture is unusable afterwards (dispose it).
    /// </summary>
    public async Task KillAsync()
    {
        if (_sshd is not { } sshd || sshd.HasExited) return;
        sshd.Kill(entireProcessTree: true);
        await sshd.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Stops sshd and every agent started through it, removes the user and the temp dir.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_sshd is { } sshd)
        {
            if (!sshd.HasExited) sshd.Kill(entireProcessTree: true);
            await sshd.WaitForExitAsync();
            sshd.Dispose();
        }
        // Agents started over SSH outlive a closed connection if they ignore stdin EOF (sshd closes the pipes only),
        // and are reparented away from sshd; ours all run from this directory's caches, so they are found by path.
        foreach (var pid in ProcessesRunningFrom(Directory))
        {
            try
            {
                using var leftover = Process.GetProcessById(pid);
                leftover.Kill();
                await leftover.WaitForExitAsync();
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                // Gone meanwhile.
            }
        }
        if (_userCreated)
        {
            // Processes of the user (a leftover agent) would make userdel refuse.
            await Commands.RunAsync(check: false, "pkill", "-KILL", "-u", NoisyUser);
            await Commands.RunAsync(check: false, "userdel", NoisyUser);
        }
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private async Task CreateNoisyUserAsync()
    {
        await Commands.RunAsync("useradd", "--no-create-home", "--home-dir", NoisyUserHome, "--shell", "/bin/bash", NoisyUser);
        _userCreated = true;
        // Not locked ('!'): sshd (UsePAM no) refuses locked accounts even for keys. Its password is for the SSH.NET tests.
        await SetPasswordAsync(NoisyUser, NoisyUserPassword);
        System.IO.Directory.CreateDirectory(NoisyUserHome);
        // Noise on stdout before any command, the last piece without a newline: the marker must still be found.
        await File.WriteAllTextAsync(Path.Combine(NoisyUserHome, ".bashrc"),
            "echo 'Welcome! noise from .bashrc'\necho 'PROTOCOL READY is not what this is'\nprintf 'no newline here '\n");
        await Commands.RunAsync("chown", "-R", $"{NoisyUser}:", NoisyUserHome);
    }

    private void StartSshd(string config)
    {
        var argv = _launcher.Concat([Sshd, "-D", "-e", "-f", config]).ToList();
        var startInfo = new ProcessStartInfo(argv[0]) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in argv.Skip(1)) startInfo.ArgumentList.Add(arg);
        _sshd = Process.Start(startInfo)!;
        _sshd.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_sshdLog)
            {
                if (_sshdLog.Length < 256 * 1024) _sshdLog.AppendLine(e.Data);
            }
        };
        _sshd.BeginErrorReadLine();
        _sshd.BeginOutputReadLine();
    }

    private async Task WaitUntilListeningAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_sshd!.HasExited)
                throw new InvalidOperationException($"sshd exited with code {_sshd.ExitCode}:\n{SshdLog}");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Parse(_listenAddress), Port);
                return;
            }
            catch (SocketException) when (deadline.Elapsed < TimeSpan.FromSeconds(20))
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>Processes (other than this one) whose command line mentions <paramref name="directory"/>, e.g. agents run from a cache.</summary>
    public static IReadOnlyList<int> ProcessesRunningFrom(string directory) =>
        System.IO.Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid > 0 && pid != Environment.ProcessId && CommandLine(pid).Contains(directory, StringComparison.Ordinal))
            .ToList();

    private static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // chpasswd (from passwd, beside useradd) reads "user:password" on stdin and stores its crypt hash.
    private static async Task SetPasswordAsync(string user, string password)
    {
        var startInfo = new ProcessStartInfo("chpasswd") { RedirectStandardInput = true, RedirectStandardError = true };
        using var process = Process.Start(startInfo)!;
        await process.StandardInput.WriteLineAsync($"{user}:{password}");
        process.StandardInput.Close();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"chpasswd exited with {process.ExitCode}: {stderr}");
    }
}
