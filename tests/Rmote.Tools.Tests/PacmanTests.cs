using Rmote.Tools.Tests.Infrastructure;

namespace Rmote.Tools.Tests;

/// <summary>There is no pacman on Debian: a recording fake stands in (see <see cref="FakePacman"/>).</summary>
public sealed class PacmanTests : IAsyncLifetime
{
    private readonly FakePacman pacman = new();

    private RmoteConnection Connection => pacman.Connection;

    public Task InitializeAsync() => pacman.InitializeAsync();

    public Task DisposeAsync() => pacman.DisposeAsync();

    [Fact]
    public async Task Converge_installs_removes_and_upgrades_in_one_run_each_and_then_does_nothing()
    {
        pacman.Offer("vim", "9.1");
        pacman.Offer("git", "2.45");
        pacman.Offer("nano", "8.0");
        pacman.Install("nano", "8.0");
        pacman.Offer("curl", "8.8");
        pacman.Install("curl", "8.7");
        pacman.Offer("htop", "3.3");
        pacman.Install("htop", "3.3");
        var packages = new PackageSpec[] { "vim", new("git", PackageState.Latest), new("nano", PackageState.Absent), new("curl", PackageState.Latest), new("htop", PackageState.Latest) };

        var results = await Connection.CallAsync(() => Pacman.Converge(packages));

        Assert.Equal(
        [
            new PackageResult("vim", "9.1", true), new PackageResult("git", "2.45", true), new PackageResult("nano", "", true),
            new PackageResult("curl", "8.8", true), new PackageResult("htop", "3.3", false),
        ], results);
        string[] queries = ["pacman -Q vim", "pacman -Q git", "pacman -Q nano", "pacman -Q curl", "pacman -Q htop"];
        Assert.Equal(
        [
            .. queries, "pacman -Qu", "pacman --noconfirm -S --needed vim git curl", "pacman --noconfirm -R nano", .. queries,
        ], pacman.Calls);

        pacman.Programs.ClearCalls();
        var again = await Connection.CallAsync(() => Pacman.Converge(packages));
        Assert.All(again, result => Assert.False(result.Changed));
        Assert.Equal([.. queries, "pacman -Qu", .. queries], pacman.Calls);
    }

    [Fact]
    public async Task Package_converges_one_package_and_reports_failures_with_stderr()
    {
        pacman.Offer("tmux", "3.4");

        Assert.Equal(new PackageResult("tmux", "3.4", true), await Connection.CallAsync(() => Pacman.Package("tmux", PackageState.Present)));
        Assert.Equal(new PackageResult("tmux", "3.4", false), await Connection.CallAsync(() => Pacman.Package("tmux", PackageState.Present)));
        var error = await Assert.ThrowsAsync<RemoteProcessException>(() => Connection.CallAsync(() => Pacman.Package("nosuch", PackageState.Present)));

        Assert.Equal("Command 'pacman --noconfirm -S --needed nosuch' exited with code 1: error: target not found: nosuch", error.Message);
    }

    [Fact]
    public async Task A_pinned_version_is_refused_rather_than_ignored()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Connection.CallAsync(() => Pacman.Package("tmux=3.3", PackageState.Present)));

        Assert.Contains("pinned", error.Message, StringComparison.Ordinal);
        Assert.Empty(pacman.Calls);
    }

    [Fact]
    public async Task Update_synchronises_and_without_sync_databases_a_ttl_does_not_skip_it()
    {
        Assert.True(await Connection.CallAsync(() => Pacman.Update(null)));
        Assert.True(await Connection.CallAsync(() => Pacman.Update(TimeSpan.FromHours(1))));

        Assert.Equal(["pacman --noconfirm -Sy", "pacman --noconfirm -Sy"], pacman.Calls);
    }
}
