using System.Text.RegularExpressions;
using Rmote.Tools.Common;

namespace Rmote.Tools.Packages;

/// <summary>Validation shared by the package tools.</summary>
internal static partial class PackageNames
{
    /// <summary>
    /// Checks the specs (names, versions, no contradictions, no package twice) and returns them as a list.
    /// </summary>
    /// <exception cref="ArgumentException">An invalid name or version, a pin with <see cref="PackageState.Latest"/>, a package listed twice.</exception>
    public static IReadOnlyList<PackageSpec> Validate(PackageSpec[] packages, bool allowPins, string manager)
    {
        ArgumentNullException.ThrowIfNull(packages);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var package in packages)
        {
            ArgumentNullException.ThrowIfNull(package, nameof(packages));
            if (!Name().IsMatch(Names.Component(package.Name, nameof(packages))))
            {
                throw new ArgumentException($"'{Names.Printable(package.Name)}' is not a valid package name.", nameof(packages));
            }

            if (!seen.Add(package.Name))
            {
                throw new ArgumentException($"Package '{package.Name}' is listed more than once.", nameof(packages));
            }

            if (package.Version is { } version)
            {
                if (!allowPins)
                {
                    throw new ArgumentException($"{manager} cannot install a pinned version ('{package}'); leave the version out.", nameof(packages));
                }

                if (package.State == PackageState.Latest || !Version().IsMatch(version))
                {
                    throw new ArgumentException(
                        $"'{Names.Printable(package.ToString())}': a pinned version must be a valid version and cannot be combined with {PackageState.Latest}.",
                        nameof(packages));
                }
            }

            if (!Enum.IsDefined(package.State))
            {
                throw new ArgumentException($"'{package.State}' is not a package state.", nameof(packages));
            }
        }

        return packages;
    }

    // Debian and Arch package names (an optional ":arch" qualifier for apt's multi-arch).
    [GeneratedRegex("^[A-Za-z0-9@_+][A-Za-z0-9@_+.-]*(:[a-z0-9-]+)?$")]
    private static partial Regex Name();

    [GeneratedRegex("^[A-Za-z0-9.+~:_-]+$")]
    private static partial Regex Version();
}
