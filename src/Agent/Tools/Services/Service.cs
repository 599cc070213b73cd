using System.Text.RegularExpressions;
using Rmote.Tools.Common;

namespace Rmote.Tools;

/// <summary>
/// systemd services through <c>systemctl</c>. Start, stop, enable and disable converge (nothing is run when the unit
/// is already in that state; <c>Changed</c> says whether something was); restart and reload always act. A failing
/// <c>systemctl</c> throws <see cref="RemoteProcessException"/> with its stderr. Unit names are validated (no
/// <c>/</c>, whitespace or leading <c>-</c>).
/// </summary>
/// <remarks>
/// Enable and disable go by the unit file state <c>systemctl is-enabled</c> prints (see
/// <see cref="ServiceState.UnitFileState"/>): enable runs <c>systemctl enable</c> unless the unit is already enabled
/// or cannot be enabled through its own unit file (<c>enabled</c>, <c>enabled-runtime</c>, <c>alias</c>,
/// <c>static</c>, <c>indirect</c>, <c>generated</c>, <c>transient</c>) — so a <c>masked</c> or missing unit fails with
/// systemctl's message; disable runs <c>systemctl disable</c> only for <c>enabled</c> (<c>disable --runtime</c> for
/// <c>enabled-runtime</c>): a <c>static</c>, <c>indirect</c>, <c>generated</c> or <c>transient</c> unit has nothing
/// to disable, an <c>alias</c> follows the unit it names, a <c>linked</c> unit would lose its link, and a
/// <c>masked</c> one is more than disabled already.
/// </remarks>
[Tool]
public static partial class Service
{
    private static readonly Commands Systemctl = new("Rmote.Tools.Service");

    /// <summary>Whether <paramref name="name"/> is active and enabled; changes nothing.</summary>
    public static ServiceState Status(string name) => State(Unit(name), changed: false);

    /// <summary>Starts <paramref name="name"/> unless it is active.</summary>
    public static ServiceState Start(string name) => Converge(name, started: true, enabled: null);

    /// <summary>Stops <paramref name="name"/> unless it is inactive.</summary>
    public static ServiceState Stop(string name) => Converge(name, started: false, enabled: null);

    /// <summary>Enables <paramref name="name"/> at boot unless it is enabled or cannot be (a static unit, say).</summary>
    public static ServiceState Enable(string name) => Converge(name, started: null, enabled: true);

    /// <summary>Disables <paramref name="name"/> at boot if it is enabled (a static unit is left alone).</summary>
    public static ServiceState Disable(string name) => Converge(name, started: null, enabled: false);

    /// <summary>Restarts <paramref name="name"/> (starting it if it was stopped); always a change.</summary>
    public static ServiceState Restart(string name) => Act("restart", name);

    /// <summary>Asks <paramref name="name"/> to reload its configuration; always a change.</summary>
    public static ServiceState Reload(string name) => Act("reload", name);

    /// <summary>Makes systemd re-read unit files (<c>systemctl daemon-reload</c>), e.g. after writing one.</summary>
    public static void DaemonReload() => Systemctl.Check("systemctl", "daemon-reload");

    /// <summary>
    /// Brings <paramref name="name"/> to the wanted state: enabled or disabled first, then started or stopped. Only
    /// what differs is run.
    /// </summary>
    /// <param name="name">The unit, e.g. <c>nginx</c> or <c>nginx.service</c>.</param>
    /// <param name="started">Whether it should be active.</param>
    /// <param name="enabled">Whether it should start at boot.</param>
    public static ServiceState Converge(string name, bool started = true, bool enabled = true) => Converge(name, (bool?)started, enabled);

    private static ServiceState Converge(string name, bool? started, bool? enabled)
    {
        Unit(name);
        var changed = false;
        var unitFile = UnitFileState(name);
        if (enabled is { } wantEnabled && EnableCommand(unitFile.State, wantEnabled) is { } command)
        {
            Systemctl.Check(["systemctl", .. command, name]);
            // Read back rather than assumed: what enable/disable did depends on the unit file.
            unitFile = UnitFileState(name);
            changed = true;
        }

        var isActive = IsActive(name);
        if (started is { } wantStarted && wantStarted != isActive)
        {
            Systemctl.Check("systemctl", wantStarted ? "start" : "stop", name);
            isActive = wantStarted;
            changed = true;
        }

        return new ServiceState(name, isActive, unitFile.Enabled, changed, unitFile.State);
    }

    // The systemctl verb that moves a unit in `state` towards enabled/disabled, or null when there is nothing to do.
    private static string[]? EnableCommand(string state, bool enable) => (enable, state) switch
    {
        (true, "enabled" or "enabled-runtime" or "alias" or "static" or "indirect" or "generated" or "transient") => null,
        (true, _) => ["enable"],
        (false, "enabled") => ["disable"],
        (false, "enabled-runtime") => ["disable", "--runtime"],
        (false, _) => null,
    };

    private static ServiceState Act(string verb, string name)
    {
        Systemctl.Check("systemctl", verb, Unit(name));
        return State(name, changed: true);
    }

    private static ServiceState State(string name, bool changed)
    {
        var active = IsActive(name);
        var (state, enabled) = UnitFileState(name);
        return new ServiceState(name, active, enabled, changed, state);
    }

    private static bool IsActive(string name) => Systemctl.Succeeds("systemctl", "is-active", "--quiet", name);

    // What `systemctl is-enabled` prints, and whether it exits with 0 (systemd's own "enabled").
    private static (string State, bool Enabled) UnitFileState(string name)
    {
        var result = Systemctl.Run("systemctl", "is-enabled", name);
        var state = (result.StandardOutput ?? "").Split('\n', 2)[0].Trim();
        if (state.Length == 0)
        {
            // systemd before 254 prints no state for a missing or unparsable unit file, only a message on stderr.
            state = (result.StandardError ?? "").Contains("No such file", StringComparison.Ordinal) ? "not-found" : "bad";
        }

        return (state, result.ExitCode == 0);
    }

    private static string Unit(string name) =>
        UnitName().IsMatch(Names.Component(name, nameof(name)))
            ? name
            : throw new ArgumentException($"'{Names.Printable(name)}' is not a valid systemd unit name.", nameof(name));

    // systemd's unit name alphabet (plus '@' instances and '\' escapes).
    [GeneratedRegex(@"^[A-Za-z0-9:_.@\\-]+$")]
    private static partial Regex UnitName();
}
