namespace Rmote.Tools;

/// <summary>A package after a converging call.</summary>
/// <param name="Name">The package name.</param>
/// <param name="Version">The installed version; "" when it is not installed.</param>
/// <param name="Changed">Whether it was installed, upgraded, downgraded or removed.</param>
public sealed record PackageResult(string Name, string Version, bool Changed);
