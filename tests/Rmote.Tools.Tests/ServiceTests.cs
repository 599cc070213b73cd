using Rmote.Tools.Tests.Infrastructure;

namespace Rmote.Tools.Tests;

/// <summary>systemd is not PID 1 here: a recording fake systemctl stands in (see <see cref="FakeSystemctl"/>).</summary>
public sealed class ServiceTests : IAsyncLifetime
{
    private readonly FakeSystemctl systemctl = new();

    private RmoteConnection Connection => systemctl.Connection;

    public Task InitializeAsync() => systemctl.InitializeAsync();

    public Task DisposeAsync() => systemctl.DisposeAsync();

    [Fact]
    public async Task Converge_enables_then_starts_only_what_differs_and_a_second_call_runs_no_change()
    {
        var first = await Connection.CallAsync(() => Service.Converge("web.service", true, true));
        var second = await Connection.CallAsync(() => Service.Converge("web.service", true, true));

        Assert.Equal(new ServiceState("web.service", true, true, true, "enabled"), first);
        Assert.Equal(new ServiceState("web.service", true, true, false, "enabled"), second);
        Assert.Equal(
        [
            "systemctl is-enabled web.service", "systemctl enable web.service", "systemctl is-enabled web.service",
            "systemctl is-active --quiet web.service", "systemctl start web.service",
            "systemctl is-enabled web.service", "systemctl is-active --quiet web.service",
        ], systemctl.Calls);
    }

    [Fact]
    public async Task Converge_to_stopped_and_disabled_acts_only_on_the_part_that_differs()
    {
        systemctl.SetActive("db.service");

        var result = await Connection.CallAsync(() => Service.Converge("db.service", false, false));

        Assert.Equal(new ServiceState("db.service", false, false, true, "disabled"), result);
        Assert.Equal(["systemctl is-enabled db.service", "systemctl is-active --quiet db.service", "systemctl stop db.service"], systemctl.Calls);
    }

    [Fact]
    public async Task Start_stop_enable_disable_converge_and_report_both_states()
    {
        systemctl.SetEnabled("app");

        Assert.Equal(new ServiceState("app", true, true, true, "enabled"), await Connection.CallAsync(() => Service.Start("app")));
        Assert.Equal(new ServiceState("app", true, true, false, "enabled"), await Connection.CallAsync(() => Service.Start("app")));
        Assert.Equal(new ServiceState("app", true, false, true, "disabled"), await Connection.CallAsync(() => Service.Disable("app")));
        Assert.Equal(new ServiceState("app", true, false, false, "disabled"), await Connection.CallAsync(() => Service.Disable("app")));
        Assert.Equal(new ServiceState("app", false, false, true, "disabled"), await Connection.CallAsync(() => Service.Stop("app")));
        Assert.Equal(new ServiceState("app", false, true, true, "enabled"), await Connection.CallAsync(() => Service.Enable("app")));
        Assert.Equal(new ServiceState("app", false, true, false, "enabled"), await Connection.CallAsync(() => Service.Status("app")));
        Assert.DoesNotContain("systemctl start app", systemctl.Calls.Skip(3));
        Assert.Equal(4, systemctl.Calls.Count(c => !c.Contains(" is-", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Restart_and_reload_always_act_and_report_the_state_systemd_reports_after()
    {
        var restarted = await Connection.CallAsync(() => Service.Restart("cache"));
        var reloaded = await Connection.CallAsync(() => Service.Reload("cache"));
        await Connection.CallAsync(() => Service.DaemonReload());

        Assert.Equal(new ServiceState("cache", true, false, true, "disabled"), restarted);
        Assert.Equal(new ServiceState("cache", true, false, true, "disabled"), reloaded);
        Assert.Equal(
        [
            "systemctl restart cache", "systemctl is-active --quiet cache", "systemctl is-enabled cache",
            "systemctl reload cache", "systemctl is-active --quiet cache", "systemctl is-enabled cache",
            "systemctl daemon-reload",
        ], systemctl.Calls);
    }

    [Fact]
    public async Task A_failing_systemctl_is_a_RemoteProcessException_with_its_stderr()
    {
        var error = await Assert.ThrowsAsync<RemoteProcessException>(() => Connection.CallAsync(() => Service.Start("broken.service")));

        Assert.Equal("Command 'systemctl start broken.service' exited with code 1: Job for broken.service failed because the control process exited with error code.", error.Message);
    }

    [Theory]
    [InlineData("../etc/passwd")]
    [InlineData("-H evil")]
    [InlineData("a b")]
    [InlineData("")]
    public async Task Invalid_unit_names_are_refused_before_systemctl_runs(string name)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Connection.CallAsync(() => Service.Converge(name, true, true)));

        Assert.Empty(systemctl.Calls);
    }
}
