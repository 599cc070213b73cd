using System.Runtime.Versioning;
using System.Diagnostics;
using Rmote.Bootstrap;
using Rmote.Transports;
using static Rmote.Integration.Tests.Ssh.AgentTestSupport;

namespace Rmote.Integration.Tests.Ssh;

/// <summary>The SSH transport and the bootstrap against a real sshd on 127.0.0.1.</summary>
[SupportedOSPlatform("linux")]
[Collection(SshCollection.Name)]
public sealed class SshTransportTests(SshdFixture sshd)
{
    private RmoteOptions Options(string? cache = null, AgentBundle? bundle = null, TimeSpan? timeout = null) => new()
    {
        ConnectTimeout = timeout ?? ConnectTimeout,
        AgentCacheDirectory = cache ?? sshd.NewCacheDirectory(),
        AgentBundle = bundle,
    };

    private async Task<bool> ConnectAsync(RmoteOptions options, SshOptions? ssh = null)
    {
        await using var link = await AgentTransports.ConnectSshAsync("127.0.0.1", ssh ?? sshd.Options(), options, default);
        await ReachesProtocolReadyAsync(link);
        return link.Uploaded;
    }

    [Fact]
    public async Task First_connect_uploads_the_bundle_and_the_second_reuses_the_cache()
    {
        var cache = sshd.NewCacheDirectory();
        var log = new CollectingLoggerProvider();
        using var factory = log.CreateFactory();

        Assert.True(await ConnectAsync(Options(cache) with { LoggerFactory = factory }));
        Assert.False(await ConnectAsync(Options(cache) with { LoggerFactory = factory }));

        Assert.Single(log.Messages, m => m.StartsWith("uploading agent bundle", StringComparison.Ordinal)
                                         && m.EndsWith("MB to ssh root@127.0.0.1:" + sshd.Port, StringComparison.Ordinal));
        Assert.Equal([AgentBundle.Default.Sha256], CacheEntries(cache));
        var entry = Path.Combine(cache, AgentBundle.Default.Sha256);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(entry));
        foreach (var file in AgentBundle.Default.Files)
            Assert.Equal(File.ReadAllBytes(Path.Combine(AgentBundle.Default.Directory, file.RelativePath)),
                File.ReadAllBytes(Path.Combine(entry, file.RelativePath)));
    }

    [Fact]
    public async Task A_changed_bundle_is_uploaded_again_beside_the_old_one()
    {
        var cache = sshd.NewCacheDirectory();
        var variant = BundleVariant(sshd.Directory, dir => File.WriteAllText(Path.Combine(dir, "variant.txt"), "v2"));

        Assert.True(await ConnectAsync(Options(cache)));
        Assert.True(await ConnectAsync(Options(cache, variant)));
        Assert.False(await ConnectAsync(Options(cache, variant)));

        Assert.Equal(new[] { AgentBundle.Default.Sha256, variant.Sha256 }.Order(), CacheEntries(cache));
    }

    [Theory]
    [InlineData("modified")]
    [InlineData("deleted")]
    public async Task A_damaged_cache_entry_is_replaced(string damage)
    {
        var cache = sshd.NewCacheDirectory();
        Assert.True(await ConnectAsync(Options(cache)));
        var dll = Path.Combine(cache, AgentBundle.Default.Sha256, "Rmote.Protocol.dll");
        var original = File.ReadAllBytes(dll);
        if (damage == "deleted")
            File.Delete(dll);
        else
        {
            var bytes = original.ToArray();
            bytes[^1] ^= 0xff; // same size: only a hash notices
            File.WriteAllBytes(dll, bytes);
        }

        Assert.True(await ConnectAsync(Options(cache)));

        Assert.Equal(original, File.ReadAllBytes(dll));
        Assert.Equal([AgentBundle.Default.Sha256], CacheEntries(cache));
    }

    [Fact]
    public async Task Twenty_concurrent_connections_to_a_default_MaxStartups_sshd_all_reach_the_agent()
    {
        // One cold cache for all: the uploads race each other, too.
        var options = Options();
        var links = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            AgentTransports.ConnectSshAsync("127.0.0.1", sshd.Options(), options, default)));
        try
        {
            await Task.WhenAll(links.Select(ReachesProtocolReadyAsync));
            Assert.Equal([AgentBundle.Default.Sha256], CacheEntries(options.AgentCacheDirectory!));
        }
        finally
        {
            await Task.WhenAll(links.Select(l => l.DisposeAsync().AsTask()));
        }
    }

    [Fact]
    public async Task Login_shell_noise_before_the_bootstrap_is_skipped()
    {
        // The noisy user's .bashrc prints lines and a partial line; its cache is the default under its home.
        var log = new CollectingLoggerProvider();
        using var factory = log.CreateFactory();
        var options = Options() with { AgentCacheDirectory = null, LoggerFactory = factory };

        await ConnectAsync(options, sshd.Options(sshd.NoisyUser));
        Assert.False(await ConnectAsync(options, sshd.Options(sshd.NoisyUser)));

        Assert.Contains(log.Messages, m => m.Contains("login output skipped: Welcome! noise from .bashrc"));
        Assert.True(Directory.Exists(Path.Combine(sshd.NoisyUserHome, ".cache/rmote/agent", AgentBundle.Default.Sha256)));
    }

    [Fact]
    public async Task A_missing_dotnet_is_a_clear_error()
    {
        var error = await Assert.ThrowsAsync<RmoteConnectException>(() =>
            ConnectAsync(Options(), sshd.Options(dotnet: "/nonexistent/dotnet")));

        Assert.Equal(ConnectFailureReason.DotnetNotFound, error.Reason);
        Assert.Contains("'/nonexistent/dotnet' was not found on the target", error.Message);
        Assert.Contains("Dotnet option", error.Message);
    }

    [Fact]
    public async Task A_wrong_key_fails_with_sshs_message()
    {
        var error = await Assert.ThrowsAsync<RmoteConnectException>(() =>
            ConnectAsync(Options(), sshd.Options(identityFile: sshd.WrongKey)));

        Assert.Equal(ConnectFailureReason.AuthenticationFailed, error.Reason);
        Assert.Contains("Permission denied (publickey", error.Message);
        Assert.Contains("ssh root@127.0.0.1:", error.Message);
    }

    [Fact]
    public async Task A_closed_port_fails_with_sshs_message_within_the_connect_timeout()
    {
        var timeout = TimeSpan.FromSeconds(20);
        var ssh = sshd.Options() with { Port = ClosedPort() };
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<RmoteConnectException>(() => ConnectAsync(Options(timeout: timeout), ssh));

        Assert.True(clock.Elapsed < timeout, $"took {clock.Elapsed}");
        Assert.Equal(ConnectFailureReason.Refused, error.Reason);
        Assert.Contains("Connection refused", error.Message);
    }

    [Fact]
    public async Task A_cache_directory_that_cannot_be_created_is_a_clear_error()
    {
        var error = await Assert.ThrowsAsync<RmoteConnectException>(() =>
            ConnectAsync(Options(cache: "/proc/rmote-cannot-exist")));

        Assert.Equal(ConnectFailureReason.CacheNotWritable, error.Reason);
        Assert.Contains("/proc/rmote-cannot-exist", error.Message);
    }

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port; // closed again when disposed
    }
}
