using Rmote.Tools.Tests.Infrastructure;

namespace Rmote.Tools.Tests;

/// <summary>
/// Enable and Disable against the real systemctl on a unit tree of every unit file state (<see cref="SystemctlRoot"/>):
/// each converges, says which state the unit is in, and leaves units that cannot be enabled or disabled untouched.
/// </summary>
public sealed class ServiceUnitFileTests : IAsyncLifetime
{
    private readonly SystemctlRoot systemd = new();

    private RmoteConnection Connection => systemd.Connection;

    public Task InitializeAsync() => systemd.InitializeAsync();

    public Task DisposeAsync() => systemd.DisposeAsync();

    [Fact]
    public async Task Disable_on_a_static_unit_changes_nothing_and_a_second_call_agrees()
    {
        systemd.AddUnit("helper.service", install: null);
        var connection = Connection;

        #region snippet:tools-service-static
        ServiceState first = await connection.CallAsync(() => Service.Disable("helper.service"));   // no [Install] section
        ServiceState second = await connection.CallAsync(() => Service.Disable("helper.service"));

        Assert.Equal(new ServiceState("helper.service", Started: false, Enabled: true, Changed: false, UnitFileState: "static"), first);
        Assert.Equal(first, second);
        #endregion
        Assert.DoesNotContain(systemd.Programs.Calls, call => call.StartsWith("systemctl disable", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Enable_and_disable_of_an_installable_unit_converge_on_its_real_symlink()
    {
        systemd.AddUnit("web.service", "WantedBy=multi-user.target");
        var wants = Path.Join(systemd.Root, "etc/systemd/system/multi-user.target.wants/web.service");

        var enabled = await Connection.CallAsync(() => Service.Enable("web.service"));
        var enabledAgain = await Connection.CallAsync(() => Service.Enable("web.service"));
        var linkedTo = new FileInfo(wants).LinkTarget;
        var disabled = await Connection.CallAsync(() => Service.Disable("web.service"));
        var disabledAgain = await Connection.CallAsync(() => Service.Disable("web.service"));

        Assert.Equal(new ServiceState("web.service", false, true, true, "enabled"), enabled);
        Assert.Equal(enabled with { Changed = false }, enabledAgain);
        Assert.Equal("/usr/lib/systemd/system/web.service", linkedTo);
        Assert.Equal(new ServiceState("web.service", false, false, true, "disabled"), disabled);
        Assert.Equal(disabled with { Changed = false }, disabledAgain);
        Assert.False(File.Exists(wants));
    }

    [Theory]
    [InlineData("static", true)]
    [InlineData("indirect", true)]
    [InlineData("generated", true)]
    [InlineData("transient", false)]   // systemd 252's is-enabled exits 1 for transient units (the manual says 0)
    [InlineData("alias", true)]
    public async Task Units_that_cannot_be_enabled_or_disabled_by_name_are_left_alone_by_both(string state, bool enabledBySystemd)
    {
        var name = Prepare(state);
        var before = systemd.Tree();

        var enable = await Connection.CallAsync(() => Service.Enable(name));
        var disable = await Connection.CallAsync(() => Service.Disable(name));

        Assert.Equal(new ServiceState(name, false, enabledBySystemd, false, state), enable);
        Assert.Equal(enable, disable);
        Assert.Equal(before, systemd.Tree());
    }

    [Theory]
    [InlineData("masked")]
    [InlineData("masked-runtime")]
    public async Task A_masked_unit_stays_masked_Disable_is_no_change_and_Enable_fails_with_systemctls_reason(string state)
    {
        var name = Prepare(state);
        var before = systemd.Tree();

        var disable = await Connection.CallAsync(() => Service.Disable(name));
        var failure = await Assert.ThrowsAsync<RemoteProcessException>(() => Connection.CallAsync(() => Service.Enable(name)));

        Assert.Equal(new ServiceState(name, false, false, false, state), disable);
        Assert.Contains("masked", failure.StandardError, StringComparison.Ordinal);
        Assert.Equal(before, systemd.Tree());
    }

    [Fact]
    public async Task A_unit_enabled_until_reboot_is_left_by_Enable_and_disabled_at_runtime_by_Disable()
    {
        var name = Prepare("enabled-runtime");

        var enable = await Connection.CallAsync(() => Service.Enable(name));
        var disable = await Connection.CallAsync(() => Service.Disable(name));
        var again = await Connection.CallAsync(() => Service.Disable(name));

        Assert.Equal(new ServiceState(name, false, true, false, "enabled-runtime"), enable);
        Assert.Equal(new ServiceState(name, false, false, true, "disabled"), disable);
        Assert.Equal(disable with { Changed = false }, again);
        Assert.Contains($"systemctl disable --runtime {name}", systemd.Programs.Calls);
    }

    [Fact]
    public async Task A_linked_unit_keeps_its_link_on_Disable_and_Enable_enables_it()
    {
        var name = Prepare("linked");

        var disable = await Connection.CallAsync(() => Service.Disable(name));
        var enable = await Connection.CallAsync(() => Service.Enable(name));

        Assert.Equal(new ServiceState(name, false, false, false, "linked"), disable);
        Assert.Equal(new ServiceState(name, false, true, true, "enabled"), enable);
    }

    [Fact]
    public async Task A_unit_that_does_not_exist_is_disabled_already_and_cannot_be_enabled()
    {
        var disable = await Connection.CallAsync(() => Service.Disable("nowhere.service"));
        var failure = await Assert.ThrowsAsync<RemoteProcessException>(() => Connection.CallAsync(() => Service.Enable("nowhere.service")));

        Assert.Equal(new ServiceState("nowhere.service", false, false, false, "not-found"), disable);
        Assert.Equal("systemctl enable nowhere.service", failure.Command);
    }

    // Builds a unit in the named unit file state and returns the name to call the tool with.
    private string Prepare(string state)
    {
        switch (state)
        {
            case "static":
                systemd.AddUnit("helper.service", install: null);
                return "helper.service";
            case "indirect":
                systemd.AddUnit("main.service", "WantedBy=multi-user.target");
                systemd.AddUnit("extra.service", "Also=main.service");
                return "extra.service";
            case "generated":
                systemd.AddUnit("made.service", install: null, "run/systemd/generator");
                return "made.service";
            case "transient":
                systemd.AddUnit("run-r1.service", install: null, "run/systemd/transient");
                return "run-r1.service";
            case "alias":
                systemd.AddUnit("real.service", "WantedBy=multi-user.target\nAlias=nick.service");
                systemd.Run("enable", "real.service");
                return "nick.service";
            case "masked" or "masked-runtime":
                systemd.AddUnit("gone.service", "WantedBy=multi-user.target");
                systemd.Run(state == "masked" ? ["mask", "gone.service"] : ["mask", "--runtime", "gone.service"]);
                return "gone.service";
            case "enabled-runtime":
                systemd.AddUnit("boot.service", "WantedBy=multi-user.target");
                systemd.Run("enable", "--runtime", "boot.service");
                return "boot.service";
            case "linked":
                systemd.AddUnit("outside.service", "WantedBy=multi-user.target", "opt");
                systemd.Run("link", "/opt/outside.service");
                return "outside.service";
            default:
                throw new ArgumentOutOfRangeException(nameof(state), state, null);
        }
    }
}
