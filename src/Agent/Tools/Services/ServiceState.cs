namespace Rmote.Tools;

/// <summary>A systemd unit's state as <see cref="Service"/> reports it (read back after any change).</summary>
/// <param name="Name">The unit name.</param>
/// <param name="Started">Whether it is active (<c>systemctl is-active</c>).</param>
/// <param name="Enabled">
/// Whether systemd counts it as enabled: <c>systemctl is-enabled</c> exits with 0 — for <c>enabled</c>,
/// <c>enabled-runtime</c>, <c>alias</c>, <c>static</c>, <c>indirect</c> and <c>generated</c> units.
/// </param>
/// <param name="Changed">Whether this call changed the unit's state.</param>
/// <param name="UnitFileState">
/// The unit file state <c>systemctl is-enabled</c> prints: <c>enabled</c>/<c>enabled-runtime</c> (enabled for good or
/// until reboot), <c>disabled</c> (has an <c>[Install]</c> section, not enabled), <c>static</c> (no <c>[Install]</c>
/// section: started only when another unit or an activation pulls it in, it cannot be enabled or disabled),
/// <c>indirect</c> (not enabled itself; its <c>Also=</c> units or another instance may be), <c>generated</c> and
/// <c>transient</c> (made by a generator or at run time: cannot be enabled or disabled), <c>alias</c> (the name is an
/// alias of another unit, which is what enable/disable would change), <c>linked</c>/<c>linked-runtime</c> (linked in
/// from outside the unit path, not enabled), <c>masked</c>/<c>masked-runtime</c> (cannot be started at all),
/// <c>not-found</c> and <c>bad</c> (no unit file, or one systemd cannot parse).
/// </param>
public sealed record ServiceState(string Name, bool Started, bool Enabled, bool Changed, string UnitFileState);
