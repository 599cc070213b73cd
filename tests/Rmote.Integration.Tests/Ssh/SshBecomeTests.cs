using Rmote.Integration.Tests.Fleet;
using Rmote.Integration.Tests.Support;

namespace Rmote.Integration.Tests.Ssh;

/// <summary>
/// <see cref="SshOptions.Become"/> against the loopback sshd, with both SSH clients: root logs in and becomes the
/// fixture's throwaway user (sudo needs no password for root); that user logging in and asking to become root gets
/// sudo's refusal as a typed connect error at once, not a hang on a password prompt.
/// </summary>
[Collection(SshCollection.Name)]
public sealed class SshBecomeTests(SshdFixture sshd)
{
    [Theory]
    [InlineData(SshImplementation.OpenSsh)]
    [InlineData(SshImplementation.SshNet)]
    public async Task Become_runs_the_agent_as_that_user(SshImplementation implementation)
    {
        var ssh = sshd.Options() with { Implementation = implementation, Become = sshd.Server.NoisyUser };
        await using var connection = await RmoteConnection.ConnectSshAsync("127.0.0.1", ssh, Options()).Within(Bounds.Generous * 2, "connect with become");

        var identity = await connection.CallAsync(() => FleetProbe.Identity()).Within(Bounds.Generous, "call");

        Assert.StartsWith(sshd.Server.NoisyUser + ":", identity);
    }

    [Theory]
    [InlineData(SshImplementation.OpenSsh)]
    [InlineData(SshImplementation.SshNet)]
    public async Task A_sudo_that_wants_a_password_is_a_typed_refusal_carrying_its_message(SshImplementation implementation)
    {
        var ssh = sshd.Options(sshd.Server.NoisyUser) with { Implementation = implementation, Become = "root" };

        var error = await Assert.ThrowsAsync<RmoteConnectException>(
            () => RmoteConnection.ConnectSshAsync("127.0.0.1", ssh, Options()).Within(Bounds.Generous, "a refused become"));

        Assert.Contains("sudo: a password is required", error.StandardError);
    }

    [Fact]
    public void A_become_user_that_could_be_read_as_an_option_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new SshOptions { Become = "-s" });
        Assert.Throws<ArgumentException>(() => new SshOptions { Become = "a b" });
    }

    // The agent runs as the become user: its cache must be writable by it (sticky, like /tmp).
    private RmoteOptions Options()
    {
        var cache = sshd.NewCacheDirectory();
        if (OperatingSystem.IsLinux()) File.SetUnixFileMode(cache, (UnixFileMode)0b1_111_111_111);
        return new RmoteOptions { AgentCacheDirectory = cache, ConnectTimeout = AgentTestSupport.ConnectTimeout };
    }
}
