using System.Text.RegularExpressions;
using Rmote.Tools.Common;

namespace Rmote.Tools;

/// <summary>
/// systemd services through <c>systemctl</c>. Start, stop, enable and disable converge (nothing is run when the unit
/// is already in that state; <c>Changed</c> says whether something was); restart and reload always act. A failing
/// <c>systemctl</c> throws <see cref="RemoteProcessException"/> with its stderr. Unit names are validated (no
/// <c>/</c>, whitespace or leading <c>-</c>).
/// </summary>
[Tool]
public static partial class Service
{
    private static readonly Commands Systemctl = new("Rmote.Tools.Service");

    /// <summary>Whether <paramref name="name"/> is active and enabled; changes nothing.</summary>
    public static ServiceState Status(string name) => new(Unit(name), IsActive(name), IsEnabled(name), false);

    /// <summary>Starts <paramref name="name"/> unless it is active.</summary>
    public static ServiceState Start(string name) => Converge(name, started: true, enabled: null);

    /// <summary>Stops <paramref name="name"/> unless it is inactive.</summary>
    public static ServiceState Stop(string name) => Converge(name, started: false, enabled: null);

    /// <summary>Enables <paramref name="name"/> at boot unless it is enabled.</summary>
    public static ServiceState Enable(string name) => Converge(name, started: null, enabled: true);

    /// <summary>Disables <paramref name="name"/> at boot unless it is disabled.</summary>
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
        var isEnabled = IsEnabled(name);
        if (enabled is { } wantEnabled && wantEnabled != isEnabled)
        {
            Systemctl.Check("systemctl", wantEnabled ? "enable" : "disable", name);
            isEnabled = wantEnabled;
            changed = true;
        }

        var isActive = IsActive(name);
        if (started is { } wantStarted && wantStarted != isActive)
        {
            Systemctl.Check("systemctl", wantStarted ? "start" : "stop", name);
            isActive = wantStarted;
            changed = true;
        }

        return new ServiceState(name, isActive, isEnabled, changed);
    }

    private static ServiceState Act(string verb, string name)
    {
        Systemctl.Check("systemctl", verb, Unit(name));
        return new ServiceState(name, IsActive(name), IsEnabled(name), true);
    }

    private static bool IsActive(string name) => Systemctl.Succeeds("systemctl", "is-active", "--quiet", name);

    private static bool IsEnabled(string name) => Systemctl.Succeeds("systemctl", "is-enabled", "--quiet", name);

    private static string Unit(string name) =>
        UnitName().IsMatch(Names.Component(name, nameof(name)))
            ? name
            : throw new ArgumentException($"'{Names.Printable(name)}' is not a valid systemd unit name.", nameof(name));

    // systemd's unit name alphabet (plus '@' instances and '\' escapes).
    [GeneratedRegex(@"^[A-Za-z0-9:_.@\\-]+$")]
    private static partial Regex UnitName();
}
