using Rmote.TestKit.Ssh;

namespace Rmote.Integration.Tests.Ssh;

/// <summary>The xUnit face of <see cref="LoopbackSshd"/>: one real sshd on 127.0.0.1 for the SSH test collection.</summary>
public sealed class SshdFixture : IAsyncLifetime
{
    private readonly LoopbackSshd sshd = new();

    /// <summary>The server itself, for what this face does not pass through (more keys, the host key, the password).</summary>
    public LoopbackSshd Server => sshd;

    /// <summary>The temp dir holding everything.</summary>
    public string Directory => sshd.Directory;

    /// <summary>The port sshd listens on (127.0.0.1).</summary>
    public int Port => sshd.Port;

    /// <summary>A key sshd accepts for root and <see cref="NoisyUser"/>.</summary>
    public string UserKey => sshd.UserKey;

    /// <summary>A valid key sshd does not accept.</summary>
    public string WrongKey => sshd.WrongKey;

    /// <summary>A throwaway user (bash login shell) whose ~/.bashrc prints noise before any command runs.</summary>
    public string NoisyUser => sshd.NoisyUser;

    /// <summary>The noisy user's home directory.</summary>
    public string NoisyUserHome => sshd.NoisyUserHome;

    /// <summary>sshd's own log so far (for assertion messages).</summary>
    public string SshdLog => sshd.SshdLog;

    /// <inheritdoc cref="LoopbackSshd.Options"/>
    public SshOptions Options(string user = "root", string? identityFile = null, string dotnet = "dotnet") =>
        sshd.Options(user, identityFile, dotnet);

    /// <inheritdoc cref="LoopbackSshd.NewCacheDirectory"/>
    public string NewCacheDirectory() => sshd.NewCacheDirectory();

    /// <inheritdoc />
    public Task InitializeAsync() => sshd.StartAsync();

    /// <inheritdoc />
    public Task DisposeAsync() => sshd.DisposeAsync().AsTask();
}
