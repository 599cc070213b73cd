using Rmote.Tools.Common;
using Rmote.Tools.Packages;

namespace Rmote.Tools;

/// <summary>
/// Debian/Ubuntu packages through <c>apt-get</c> and <c>dpkg-query</c>. Runs with <c>DEBIAN_FRONTEND=noninteractive</c>
/// added to the agent's environment (which is otherwise kept — PATH, proxies, locale). Installed versions are read
/// from dpkg before and after every change, never cached. Needs root.
/// </summary>
[Tool]
public static class Apt
{
    private static readonly Commands AptGet = new("Rmote.Tools.Apt", new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" });
    private static readonly UpdateStamp Stamp = new("/var/lib/apt/lists", "*_Packages*");

    /// <summary>
    /// Downloads the package index (<c>apt-get update</c>) unless an update by this tool succeeded less than
    /// <paramref name="ttl"/> ago and the index is still present.
    /// </summary>
    /// <param name="ttl">How old the index may be; null always updates.</param>
    /// <returns>Whether <c>apt-get update</c> ran.</returns>
    /// <exception cref="RemoteProcessException">apt-get update failed.</exception>
    public static bool Update(TimeSpan? ttl = null)
    {
        if (Stamp.IsFresh(ttl))
        {
            return false;
        }

        AptGet.Check("apt-get", "-q", "-y", "update");
        Stamp.Touch();
        return true;
    }

    /// <summary>Brings one package to <paramref name="state"/>; see <see cref="Converge"/>.</summary>
    /// <param name="package"><c>name</c>, or <c>name=version</c> to pin an exact version.</param>
    /// <param name="state">The wanted state.</param>
    public static PackageResult Package(string package, PackageState state = PackageState.Present) =>
        Converge(PackageSpec.Parse(package, state))[0];

    /// <summary>
    /// Brings every package to its state with at most one install and one removal run: <see cref="PackageState.Present"/>
    /// installs a missing package — or, with a pinned version, installs (upgrading or downgrading) until exactly that
    /// version is there; <see cref="PackageState.Absent"/> purges an installed one; <see cref="PackageState.Latest"/>
    /// installs a missing one and upgrades one for which apt has a newer candidate.
    /// </summary>
    /// <returns>One result per package, in order; <c>Changed</c> for those apt acted on.</returns>
    /// <exception cref="ArgumentException">An invalid name or version, a pin with Latest, a package listed twice.</exception>
    /// <exception cref="RemoteProcessException">apt-get failed (unknown package, version not available, ...).</exception>
    public static PackageResult[] Converge(params PackageSpec[] packages)
    {
        var specs = PackageNames.Validate(packages, allowPins: true, "apt");
        var before = specs.ToDictionary(spec => spec.Name, spec => InstalledVersion(spec.Name), StringComparer.Ordinal);
        var install = new List<PackageSpec>();
        var remove = new List<PackageSpec>();
        var upgradeCandidates = new List<PackageSpec>();
        foreach (var spec in specs)
        {
            var installed = before[spec.Name].Length > 0;
            switch (spec.State)
            {
                case PackageState.Present when !installed || (spec.Version is not null && spec.Version != before[spec.Name]):
                case PackageState.Latest when !installed:
                    install.Add(spec);
                    break;
                case PackageState.Absent when installed:
                    remove.Add(spec);
                    break;
                case PackageState.Latest:
                    upgradeCandidates.Add(spec);
                    break;
            }
        }

        install.AddRange(Upgradable(upgradeCandidates));
        if (install.Count > 0)
        {
            var downgrades = install.Any(spec => spec.Version is not null) ? new[] { "--allow-downgrades" } : [];
            AptGet.Check(["apt-get", "-q", "-y", .. downgrades, "install", .. install.Select(spec => spec.ToString())]);
        }

        if (remove.Count > 0)
        {
            AptGet.Check(["apt-get", "-q", "-y", "remove", "--purge", .. remove.Select(spec => spec.Name)]);
        }

        var acted = install.Concat(remove).Select(spec => spec.Name).ToHashSet(StringComparer.Ordinal);
        return specs.Select(spec => new PackageResult(spec.Name, InstalledVersion(spec.Name), acted.Contains(spec.Name))).ToArray();
    }

    /// <summary>The installed version of <paramref name="name"/>, or "" (dpkg's status, read fresh; dpkg-query expands the \t and \n).</summary>
    private static string InstalledVersion(string name)
    {
        var result = AptGet.Run("dpkg-query", "--show", @"--showformat=${db:Status-Status}\t${Version}\n", "--", name);
        return (result.StandardOutput ?? string.Empty)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t'))
            .FirstOrDefault(fields => fields is ["installed", _])?[1] ?? string.Empty;
    }

    /// <summary>Those of the installed <paramref name="packages"/> that <c>apt-get install</c> would upgrade.</summary>
    private static IEnumerable<PackageSpec> Upgradable(List<PackageSpec> packages)
    {
        if (packages.Count == 0)
        {
            return [];
        }

        var simulation = AptGet.Check(["apt-get", "-q", "-s", "install", .. packages.Select(spec => spec.Name)]);
        var upgraded = simulation.Split('\n')
            .Where(line => line.StartsWith("Inst ", StringComparison.Ordinal))
            .Select(line => line.Split(' ')[1])
            .ToHashSet(StringComparer.Ordinal);
        return packages.Where(spec => upgraded.Contains(spec.Name) || upgraded.Contains(spec.Name.Split(':')[0]));
    }
}
