using Rmote.Actors.Fleet;

namespace Rmote;

/// <summary>
/// Host selection like Ansible's <c>--limit</c>: terms separated by <c>:</c> (or <c>,</c>), each a host name, a group
/// name, <c>all</c>/<c>*</c>, or a glob (<c>web*</c>, <c>db[12]</c>, <c>?</c>) over host and group names. Plain terms
/// are united, <c>&amp;term</c> intersects, <c>!term</c> excludes — in that order, wherever they stand:
/// <c>web:db:&amp;prod:!web3</c> is (web ∪ db) ∩ prod ∖ web3. The result keeps the fleet's host order.
/// </summary>
public static class HostPattern
{
    /// <summary>Selects from <paramref name="hosts"/> by <paramref name="pattern"/>.</summary>
    /// <exception cref="ArgumentException">
    /// The pattern is empty, has an empty term, or a term matches no host and no group (a typo would otherwise run
    /// on nothing, or, in an exclusion, on too much).
    /// </exception>
    public static IReadOnlyList<FleetHost> Select(IReadOnlyList<FleetHost> hosts, string pattern) => Select(hosts, pattern, null);

    /// <inheritdoc cref="Select(IReadOnlyList{FleetHost}, string)"/>
    /// <remarks><paramref name="groups"/> adds group names that exist without hosts, so naming one selects nothing.</remarks>
    internal static IReadOnlyList<FleetHost> Select(IReadOnlyList<FleetHost> hosts, string pattern, IReadOnlySet<string>? groups) =>
        HostSelector.Select(hosts, h => h.Name, h => h.Groups, pattern, groups);
}
