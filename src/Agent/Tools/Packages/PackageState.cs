namespace Rmote.Tools;

/// <summary>The state a package should be in.</summary>
public enum PackageState
{
    /// <summary>Installed (any version, or the pinned one).</summary>
    Present,

    /// <summary>Not installed (removed with its configuration).</summary>
    Absent,

    /// <summary>Installed at the newest version the package sources offer.</summary>
    Latest,
}
