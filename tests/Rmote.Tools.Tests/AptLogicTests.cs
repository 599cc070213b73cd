using Rmote.Tools.Tests.Infrastructure;

namespace Rmote.Tools.Tests;

/// <summary>Apt's decisions against recording fakes of apt-get and dpkg-query (the real apt runs in <see cref="AptTests"/>).</summary>
public sealed class AptLogicTests : IAsyncLifetime
{
    private readonly FakeApt apt = new();

    private RmoteConnection Connection => apt.Connection;

    public Task InitializeAsync() => apt.InitializeAsync();

    public Task DisposeAsync() => apt.DisposeAsync();

    private static string Query(string name) => $@"dpkg-query --show --showformat=${{db:Status-Status}}\t${{Version}}\n -- {name}";

    [Fact]
    public async Task Converge_honours_every_state_with_one_install_and_one_removal_and_then_does_nothing()
    {
        apt.Offer("kept", "2.0", "1.0");
        apt.Install("kept", "1.0");
        apt.Offer("missing", "1.0");
        apt.Offer("unwanted", "1.0");
        apt.Install("unwanted", "1.0");
        apt.Offer("stale", "2.0", "1.0");
        apt.Install("stale", "1.0");
        apt.Offer("fresh", "3.0");
        apt.Install("fresh", "3.0");
        var packages = new PackageSpec[]
        {
            new("kept"), "missing", new("unwanted", PackageState.Absent), new("stale", PackageState.Latest), new("fresh", PackageState.Latest),
        };
        string[] names = ["kept", "missing", "unwanted", "stale", "fresh"];

        var results = await Connection.CallAsync(() => Apt.Converge(packages));

        Assert.Equal(
        [
            new PackageResult("kept", "1.0", false), new PackageResult("missing", "1.0", true), new PackageResult("unwanted", "", true),
            new PackageResult("stale", "2.0", true), new PackageResult("fresh", "3.0", false),
        ], results);
        Assert.Equal(
        [
            .. names.Select(Query),
            "apt-get -q -s install stale fresh",
            "apt-get -q -y install missing stale",
            "apt-get -q -y remove --purge unwanted",
            .. names.Select(Query),
        ], apt.Calls);
        Assert.All(apt.Environments, seen => Assert.Equal("DEBIAN_FRONTEND=noninteractive MARKER=kept", seen));

        apt.Programs.ClearCalls();
        var again = await Connection.CallAsync(() => Apt.Converge(packages));
        Assert.All(again, result => Assert.False(result.Changed));
        Assert.Equal(["apt-get -q -s install stale fresh"], apt.Calls.Where(call => call.StartsWith("apt-get", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_pinned_version_is_installed_up_or_down_until_it_is_exactly_there()
    {
        apt.Offer("tool", "2.0", "1.5");
        apt.Install("tool", "2.0");

        var pinned = await Connection.CallAsync(() => Apt.Package("tool=1.5", PackageState.Present));
        var again = await Connection.CallAsync(() => Apt.Package("tool=1.5", PackageState.Present));
        var anyVersion = await Connection.CallAsync(() => Apt.Package("tool", PackageState.Present));

        Assert.Equal(new PackageResult("tool", "1.5", true), pinned);
        Assert.Equal(new PackageResult("tool", "1.5", false), again);
        Assert.False(anyVersion.Changed);
        Assert.Equal(["apt-get -q -y --allow-downgrades install tool=1.5"], apt.Calls.Where(call => call.StartsWith("apt-get", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Apt_failures_and_contradictions_are_clear_errors()
    {
        apt.Offer("tool", "2.0");

        var missing = await Assert.ThrowsAsync<RemoteProcessException>(() => Connection.CallAsync(() => Apt.Package("tool=9.9", PackageState.Present)));
        Assert.Equal("Command 'apt-get -q -y --allow-downgrades install tool=9.9' exited with code 100: E: Version '9.9' for 'tool' was not found", missing.Message);
        await Assert.ThrowsAsync<ArgumentException>(() => Connection.CallAsync(() => Apt.Package("tool=2.0", PackageState.Latest)));
        await Assert.ThrowsAsync<ArgumentException>(() => Connection.CallAsync(() => Apt.Converge("tool", new PackageSpec("tool", PackageState.Absent))));
        await Assert.ThrowsAsync<ArgumentException>(() => Connection.CallAsync(() => Apt.Package("../etc", PackageState.Present)));
        await Assert.ThrowsAsync<ArgumentException>(() => Connection.CallAsync(() => Apt.Package("-oDebug=1", PackageState.Present)));
        Assert.Single(apt.Calls, call => call.StartsWith("apt-get", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Update_runs_apt_get_update_with_the_extended_environment()
    {
        Assert.True(await Connection.CallAsync(() => Apt.Update(null)));

        Assert.Equal(["apt-get -q -y update"], apt.Calls);
        Assert.Equal(["DEBIAN_FRONTEND=noninteractive MARKER=kept"], apt.Environments);
    }
}
