using System.Text.RegularExpressions;

namespace Rmote.Actors.Fleet;

/// <summary>
/// Host selection like Ansible's <c>--limit</c> over anything with a name and groups (the fleet actor's members, the
/// public <c>HostPattern</c>'s hosts): terms separated by <c>:</c> or <c>,</c>; plain terms unite, <c>&amp;</c>
/// intersects, <c>!</c> excludes, in that order wherever they stand.
/// </summary>
internal static class HostSelector
{
    /// <summary>
    /// The items of <paramref name="items"/> (each with a name and its groups) that <paramref name="pattern"/> selects, in
    /// order; <paramref name="groups"/> adds group names that exist without hosts (an inventory's empty groups), so
    /// naming one selects nothing instead of failing.
    /// </summary>
    /// <exception cref="ArgumentException">The pattern is empty, has an empty term, or a term matches no host and no group.</exception>
    public static IReadOnlyList<T> Select<T>(IReadOnlyList<T> items, Func<T, string> nameOf, Func<T, IReadOnlyList<string>> groupsOf,
        string pattern, IReadOnlySet<string>? groups)
    {
        ArgumentNullException.ThrowIfNull(items);
        var hosts = items.Select(i => new Named(nameOf(i), groupsOf(i))).ToList();
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        HashSet<string>? union = null, intersect = null;
        var exclude = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in pattern.Split([':', ','], StringSplitOptions.TrimEntries))
        {
            var (op, term) = raw switch
            {
                ['&', .. var rest] => ('&', rest.Trim()),
                ['!', .. var rest] => ('!', rest.Trim()),
                _ => (' ', raw),
            };
            if (term.Length == 0)
                throw new ArgumentException($"Host pattern '{pattern}' has an empty term.", nameof(pattern));
            var matched = Match(hosts, term, groups);
            if (matched is null)
                throw new ArgumentException(
                    $"Host pattern '{pattern}': '{term}' matches no host and no group (known groups: {KnownGroups(hosts)}).",
                    nameof(pattern));
            switch (op)
            {
                case '&':
                    if (intersect is null) intersect = matched;
                    else intersect.IntersectWith(matched);
                    break;
                case '!':
                    exclude.UnionWith(matched);
                    break;
                default:
                    (union ??= new HashSet<string>(StringComparer.Ordinal)).UnionWith(matched);
                    break;
            }
        }
        // Only '&' and '!' terms: they narrow everything, as in Ansible's "--limit '!web'".
        var selected = union ?? hosts.Select(h => h.Name).ToHashSet(StringComparer.Ordinal);
        if (intersect is not null) selected.IntersectWith(intersect);
        selected.ExceptWith(exclude);
        return items.Where(i => selected.Contains(nameOf(i))).ToArray();
    }

    /// <summary>The names of the hosts a term matches, or <c>null</c> when it names nothing at all.</summary>
    private static HashSet<string>? Match(List<Named> hosts, string term, IReadOnlySet<string>? groups)
    {
        if (term is "all" or "*") return hosts.Select(h => h.Name).ToHashSet(StringComparer.Ordinal);
        if (term.IndexOfAny(['*', '?', '[']) < 0)
        {
            var named = hosts.Where(h => h.Name == term || h.Groups.Contains(term)).Select(h => h.Name).ToHashSet(StringComparer.Ordinal);
            return named.Count > 0 || groups?.Contains(term) == true ? named : null;
        }
        var glob = Glob(term);
        var globbed = hosts.Where(h => glob.IsMatch(h.Name) || h.Groups.Any(glob.IsMatch)).Select(h => h.Name)
            .ToHashSet(StringComparer.Ordinal);
        return globbed.Count > 0 ? globbed : null;
    }

    private static string KnownGroups(List<Named> hosts)
    {
        var groups = hosts.SelectMany(h => h.Groups).Distinct().Order(StringComparer.Ordinal).ToArray();
        return groups.Length == 0 ? "none" : string.Join(", ", groups);
    }

    /// <summary>A glob (<c>*</c>, <c>?</c>, <c>[abc]</c>, <c>[a-z]</c>, <c>[!x]</c>) as an anchored regex.</summary>
    internal static Regex Glob(string glob)
    {
        var regex = new System.Text.StringBuilder("^");
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            switch (c)
            {
                case '*': regex.Append(".*"); break;
                case '?': regex.Append('.'); break;
                case '[' when glob.IndexOf(']', i + 1) is var close and > 0:
                    var set = glob[(i + 1)..close];
                    regex.Append('[').Append(set.StartsWith('!') ? "^" + Regex.Escape(set[1..]) : Regex.Escape(set)).Append(']');
                    i = close;
                    break;
                default: regex.Append(Regex.Escape(c.ToString())); break;
            }
        }
        return new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant);
    }

    private sealed record Named(string Name, IReadOnlyList<string> Groups);
}
