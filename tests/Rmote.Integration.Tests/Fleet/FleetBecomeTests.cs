using System.Diagnostics;
using Rmote.TestKit;
using Rmote.Integration.Tests.Support;

namespace Rmote.Integration.Tests.Fleet;

/// <summary>
/// <c>become</c> for real: a throwaway user to become and a sudoers entry letting one login user (h0's) do so without
/// a password; another login user (h1's) has no such entry and must get a clear, typed refusal at once.
/// </summary>
[Collection(NetnsCollection.Name)]
public sealed class FleetBecomeTests(NetnsFixture fixture) : IAsyncLifetime
{
    private readonly string suffix = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()[..4]);
    private string BecomeUser => "rmote-b" + suffix;
    private string Sudoers => "/etc/sudoers.d/rmote-fleet-" + suffix;
    private string Home => Path.Combine(fixture.Directory, "home-" + suffix);
    private string Cache => Path.Combine(fixture.Directory, "become-cache-" + suffix);

    public async Task InitializeAsync()
    {
        if (!File.Exists("/usr/bin/sudo")) throw new InvalidOperationException("sudo is missing: apt-get install sudo (.ci/run does).");
        await Commands.RunAsync("useradd", "--no-create-home", "--home-dir", Home, "--shell", "/bin/sh", BecomeUser);
        Directory.CreateDirectory(Home);
        await Commands.RunAsync("chown", BecomeUser, Home);
        // The agent cache must be writable by the user the agent runs as; sticky like /tmp.
        Directory.CreateDirectory(Cache);
        if (OperatingSystem.IsLinux()) File.SetUnixFileMode(Cache, (UnixFileMode)0b1_111_111_111);
        await File.WriteAllTextAsync(Sudoers, $"{fixture.Hosts.Hosts[0].Sshd.NoisyUser} ALL=({BecomeUser}) NOPASSWD: ALL\n");
        if (OperatingSystem.IsLinux()) File.SetUnixFileMode(Sudoers, UnixFileMode.UserRead | UnixFileMode.GroupRead);
        await Commands.RunAsync("visudo", "-c", "-f", Sudoers);
    }

    [Fact]
    public async Task Become_runs_the_agent_as_the_user_and_a_password_prompt_is_a_typed_refusal()
    {
        var h0 = fixture.Hosts.Hosts[0];
        var h1 = fixture.Hosts.Hosts[1];
        var path = Path.Combine(fixture.Directory, $"become-{suffix}.yaml");
        await File.WriteAllTextAsync(path, $"""
            defaults:
              become: {BecomeUser}
            hosts:
            {h0.InventoryEntry(h0.Sshd.NoisyUser)}
            {h1.InventoryEntry(h1.Sshd.NoisyUser)}
              here:
                local: true
            """);
        await using var fleet = RmoteFleet.Load(path, fixture.Options() with
        {
            Connection = new RmoteOptions { ConnectTimeout = TimeSpan.FromSeconds(60), AgentCacheDirectory = Cache },
        });

        var clock = Stopwatch.StartNew();
        var results = await fleet.CallAsync(() => FleetProbe.Identity()).Within(TimeSpan.FromMinutes(2), "become");

        Assert.StartsWith(BecomeUser + ":", results["h0"].Value);     // logged in as h0's user, running as the become user
        Assert.StartsWith(BecomeUser + ":", results["here"].Value);   // root needs no password for sudo
        var refused = results["h1"];
        Assert.Equal(HostFailureKind.AuthFailed, refused.Failure);
        var error = Assert.IsType<BecomeException>(refused.Error);
        Assert.Equal(BecomeUser, error.User);
        Assert.Contains("without a password", error.Message);
        Assert.Contains("sudo: a password is required", error.Message);
        Assert.True(refused.Elapsed < TimeSpan.FromSeconds(30), $"the refusal took {refused.Elapsed}");
    }

    public async Task DisposeAsync()
    {
        File.Delete(Sudoers);
        await Commands.RunAsync(check: false, "pkill", "-KILL", "-u", BecomeUser);
        await Commands.RunAsync(check: false, "userdel", BecomeUser);
    }
}
