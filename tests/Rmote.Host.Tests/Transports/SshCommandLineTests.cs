using Rmote.Transports;
using Rmote.Transports.OpenSsh;

namespace Rmote.Host.Tests.Transports;

public sealed class SshCommandLineTests
{
    [Fact]
    public void Builds_argv_with_user_options_first_and_the_destination_after_double_dash()
    {
        var ssh = new SshOptions { User = "deploy", Port = 2222, IdentityFile = "/k/id", Options = { "BatchMode=no", "ControlMaster=auto" } };

        var argv = SshCommandLine.Build("host.example", ssh, TimeSpan.FromSeconds(7.2));

        Assert.Equal(
            ["ssh", "-T", "-e", "none", "-o", "BatchMode=no", "-o", "ControlMaster=auto", "-o", "BatchMode=yes",
             "-o", "ConnectTimeout=8", "-l", "deploy", "-p", "2222", "-i", "/k/id", "--", "host.example", "sh"],
            argv);
    }

    [Fact]
    public void Defaults_add_only_batch_mode_and_the_timeout()
    {
        Assert.Equal(["ssh", "-T", "-e", "none", "-o", "BatchMode=yes", "-o", "ConnectTimeout=1", "--", "user@h", "sh"],
            SshCommandLine.Build("user@h", new SshOptions(), TimeSpan.FromMilliseconds(10)));
    }

    [Fact]
    public void Sharing_roles_and_the_cipher_order_come_after_the_users_options()
    {
        var master = new ControlMasters.Lease(ControlMasters.Role.Master, "/run/x/ab-0", slot: null);
        var client = new ControlMasters.Lease(ControlMasters.Role.Client, "/run/x/ab-0", slot: null);
        var direct = new ControlMasters.Lease(ControlMasters.Role.Direct, null, slot: null);
        var ssh = new SshOptions { ControlPersist = TimeSpan.FromSeconds(30) };

        Assert.Equal(["-o", "ControlMaster=auto", "-o", "ControlPath=/run/x/ab-0", "-o", "ControlPersist=30", "-o", "Ciphers=" + SshCommandLine.FastCiphers],
            SshCommandLine.Build("h", ssh, TimeSpan.FromSeconds(1), master, fastCiphers: true)[8..^3]);
        Assert.Equal(["-o", "ControlMaster=no", "-o", "ControlPath=/run/x/ab-0"], SshCommandLine.Build("h", ssh, TimeSpan.FromSeconds(1), client)[8..^3]);
        Assert.Equal(["-o", "ControlMaster=no", "-o", "ControlPath=none"], SshCommandLine.Build("h", ssh, TimeSpan.FromSeconds(1), direct)[8..^3]);
        Assert.DoesNotContain("Ciphers=" + SshCommandLine.FastCiphers,
            SshCommandLine.Build("h", new SshOptions { Options = { "Ciphers aes256-ctr" } }, TimeSpan.FromSeconds(1), fastCiphers: true));
        Assert.True(SshCommandLine.ConfiguresSharing(new SshOptions { Options = { "controlpath=~/.ssh/%C" } }));
        Assert.False(SshCommandLine.ConfiguresSharing(new SshOptions { Options = { "ControlPathX=1" } }));
    }

    [Fact]
    public void Control_socket_keys_differ_for_anything_that_changes_what_the_master_authenticated()
    {
        var key = ControlMasters.KeyFor("h", new SshOptions { User = "a", IdentityFile = "/k1" });
        Assert.Equal(key, ControlMasters.KeyFor("h", new SshOptions { User = "a", IdentityFile = "/k1" }));
        Assert.NotEqual(key, ControlMasters.KeyFor("h", new SshOptions { User = "a", IdentityFile = "/k2" }));
        Assert.NotEqual(key, ControlMasters.KeyFor("h", new SshOptions { User = "b", IdentityFile = "/k1" }));
        Assert.NotEqual(key, ControlMasters.KeyFor("h", new SshOptions { User = "a", IdentityFile = "/k1", Options = { "UserKnownHostsFile=/x" } }));
        Assert.True(ControlMasters.PathFor(ControlDirectory.DefaultPath(), key, 15).Length < 100, "a Unix socket path has at most 107 bytes");
    }

    [Fact]
    public void Secrets_never_appear_in_the_printed_options()
    {
        var text = new SshOptions { Password = "hunter2", Passphrase = "swordfish", User = "u" }.ToString();
        Assert.DoesNotContain("hunter2", text);
        Assert.DoesNotContain("swordfish", text);
        Assert.Contains("User = u", text);
    }

    [Theory]
    [InlineData("-oProxyCommand=touch /tmp/pwned")]
    [InlineData("-p")]
    [InlineData("host name")]
    [InlineData("host\nother")]
    [InlineData("host\t")]
    [InlineData(" host")]
    [InlineData("host\u0000")]
    [InlineData("host\u001b[31m")]
    [InlineData("")]
    public void Rejects_destinations_ssh_could_misread(string destination)
    {
        var error = Assert.Throws<ArgumentException>(() => SshCommandLine.Build(destination, new SshOptions(), TimeSpan.FromSeconds(5)));
        Assert.Equal("destination", error.ParamName);
        Assert.Contains("destination", error.Message);
    }

    [Fact]
    public void Rejects_options_with_control_characters_and_bad_ports()
    {
        Assert.Throws<ArgumentException>(() =>
            SshCommandLine.Build("h", new SshOptions { Options = { "User=x\nProxyCommand=y" } }, TimeSpan.FromSeconds(5)));
        Assert.Throws<ArgumentOutOfRangeException>(() => SshCommandLine.Build("h", new SshOptions { Port = 0 }, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task ConnectSshAsync_rejects_a_bad_destination_before_starting_anything()
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            AgentTransports.ConnectSshAsync("-oProxyCommand=sh", new SshOptions(), new RmoteOptions(), default));
    }

    [Fact]
    public void Only_early_drops_by_sshd_count_as_transient()
    {
        Assert.True(SshThrottle.IsTransient("kex_exchange_identification: read: Connection reset by peer"));
        Assert.True(SshThrottle.IsTransient("kex_exchange_identification: Connection closed by remote host\r\nConnection closed by 127.0.0.1 port 22"));
        Assert.False(SshThrottle.IsTransient("root@127.0.0.1: Permission denied (publickey)."));
        Assert.False(SshThrottle.IsTransient("ssh: connect to host 127.0.0.1 port 1: Connection refused"));
    }
}
