namespace Rmote.Tools;

/// <summary>A systemd unit's state as <see cref="Service"/> reports it.</summary>
/// <param name="Name">The unit name.</param>
/// <param name="Started">Whether it is active (<c>systemctl is-active</c>).</param>
/// <param name="Enabled">Whether it starts at boot (<c>systemctl is-enabled</c>).</param>
/// <param name="Changed">Whether this call changed the unit's state.</param>
public sealed record ServiceState(string Name, bool Started, bool Enabled, bool Changed);
