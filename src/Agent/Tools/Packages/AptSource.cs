namespace Rmote.Tools;

/// <summary>One DEB822 source stanza, as <see cref="AptRepository.Present"/> writes it.</summary>
public sealed record AptSource
{
    /// <summary><c>Types:</c> — <c>deb</c> (binary packages, the default) and/or <c>deb-src</c>.</summary>
    public IReadOnlyList<string> Types { get; init; } = ["deb"];

    /// <summary><c>URIs:</c> — repository base URIs.</summary>
    public required IReadOnlyList<string> Uris { get; init; }

    /// <summary><c>Suites:</c> — e.g. <c>bookworm</c>, or a path ending in <c>/</c> for a flat repository.</summary>
    public required IReadOnlyList<string> Suites { get; init; }

    /// <summary><c>Components:</c> — e.g. <c>main</c>; empty for a flat repository.</summary>
    public IReadOnlyList<string> Components { get; init; } = [];

    /// <summary><c>Signed-By:</c> — the keyring file (e.g. one written by <see cref="AptRepository.Key"/>) or fingerprints; null: apt's trusted keys.</summary>
    public string? SignedBy { get; init; }

    /// <summary><c>Architectures:</c> — restrict to these architectures; empty: apt's default.</summary>
    public IReadOnlyList<string> Architectures { get; init; } = [];
}
