namespace Rmote.Tools;

/// <summary>
/// A package and the state it should be in. A string converts implicitly: <c>"nginx"</c> is nginx present,
/// <c>"nginx=1.22.1-9"</c> nginx present at exactly that version (a pin; apt only).
/// </summary>
/// <param name="Name">The package name.</param>
/// <param name="State">The wanted state.</param>
/// <param name="Version">An exact version to install (apt); null: any.</param>
public sealed record PackageSpec(string Name, PackageState State = PackageState.Present, string? Version = null)
{
    /// <summary>Parses <c>name</c> or <c>name=version</c>.</summary>
    public static PackageSpec Parse(string text, PackageState state = PackageState.Present)
    {
        ArgumentNullException.ThrowIfNull(text);
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        return equals < 0 ? new PackageSpec(text, state) : new PackageSpec(text[..equals], state, text[(equals + 1)..]);
    }

    /// <summary>Parses <c>name</c> or <c>name=version</c> as a package that should be present.</summary>
    public static implicit operator PackageSpec(string text) => Parse(text);

    /// <summary><c>name</c> or <c>name=version</c>.</summary>
    public override string ToString() => Version is null ? Name : $"{Name}={Version}";
}
