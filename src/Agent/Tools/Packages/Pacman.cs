using Rmote.Tools.Common;
using Rmote.Tools.Packages;

namespace Rmote.Tools;

/// <summary>
/// Arch Linux packages through <c>pacman</c>. Installed versions are read with <c>pacman -Q</c> before and after every
/// change. pacman installs only the repositories' current version, so a pinned version (<c>name=version</c>) is
/// refused rather than silently ignored. Needs root.
/// </summary>
[Tool]
public static class Pacman
{
    private static readonly Commands Programs = new("Rmote.Tools.Pacman");
    private static readonly UpdateStamp Stamp = new("/var/lib/pacman/sync", "*.db");

    /// <summary>
    /// Synchronises the package databases (<c>pacman -Sy</c>) unless a sync by this tool succeeded less than
    /// <paramref name="ttl"/> ago and the databases are still present.
    /// </summary>
    /// <param name="ttl">How old the databases may be; null always synchronises.</param>
    /// <returns>Whether <c>pacman -Sy</c> ran.</returns>
    /// <exception cref="RemoteProcessException">pacman failed.</exception>
    public static bool Update(TimeSpan? ttl = null)
    {
        if (Stamp.IsFresh(ttl))
        {
            return false;
        }

        Programs.Check("pacman", "--noconfirm", "-Sy");
        Stamp.Touch();
        return true;
    }

    /// <summary>Brings one package to <paramref name="state"/>; see <see cref="Converge"/>.</summary>
    public static PackageResult Package(string package, PackageState state = PackageState.Present) =>
        Converge(PackageSpec.Parse(package, state))[0];

    /// <summary>
    /// Brings every package to its state with at most one install and one removal run: <see cref="PackageState.Present"/>
    /// installs a missing package, <see cref="PackageState.Absent"/> removes an installed one,
    /// <see cref="PackageState.Latest"/> installs a missing one and upgrades one <c>pacman -Qu</c> lists.
    /// </summary>
    /// <returns>One result per package, in order; <c>Changed</c> for those pacman acted on.</returns>
    /// <exception cref="ArgumentException">An invalid name, a pinned version, a package listed twice.</exception>
    /// <exception cref="RemoteProcessException">pacman failed.</exception>
    public static PackageResult[] Converge(params PackageSpec[] packages)
    {
        var specs = PackageNames.Validate(packages, allowPins: false, "pacman");
        var before = specs.ToDictionary(spec => spec.Name, spec => InstalledVersion(spec.Name), StringComparer.Ordinal);
        var install = specs.Where(spec => spec.State != PackageState.Absent && before[spec.Name].Length == 0).ToList();
        var remove = specs.Where(spec => spec.State == PackageState.Absent && before[spec.Name].Length > 0).ToList();
        var latest = specs.Where(spec => spec.State == PackageState.Latest && before[spec.Name].Length > 0).ToList();
        if (latest.Count > 0)
        {
            var upgradable = Upgradable();
            install.AddRange(latest.Where(spec => upgradable.Contains(spec.Name)));
        }

        if (install.Count > 0)
        {
            Programs.Check(["pacman", "--noconfirm", "-S", "--needed", .. install.Select(spec => spec.Name)]);
        }

        if (remove.Count > 0)
        {
            Programs.Check(["pacman", "--noconfirm", "-R", .. remove.Select(spec => spec.Name)]);
        }

        var acted = install.Concat(remove).Select(spec => spec.Name).ToHashSet(StringComparer.Ordinal);
        return specs.Select(spec => new PackageResult(spec.Name, InstalledVersion(spec.Name), acted.Contains(spec.Name))).ToArray();
    }

    /// <summary>The installed version of <paramref name="name"/> (<c>pacman -Q</c> prints "name version"), or "".</summary>
    private static string InstalledVersion(string name)
    {
        var result = Programs.Run("pacman", "-Q", name);
        return result.ExitCode == 0 && (result.StandardOutput ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is [_, var version, ..]
            ? version
            : string.Empty;
    }

    /// <summary>Names <c>pacman -Qu</c> lists ("name old -&gt; new" lines; exit code 1 when there are none).</summary>
    private static HashSet<string> Upgradable()
    {
        var result = Programs.Run("pacman", "-Qu");
        if (result.ExitCode > 1)
        {
            throw new RemoteProcessException(result.ExitCode, "pacman -Qu", result.StandardError);
        }

        return (result.StandardOutput ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ')[0])
            .ToHashSet(StringComparer.Ordinal);
    }
}
