namespace Rmote.Tools;

/// <summary>
/// What <see cref="User.Present"/> should make true about a user. Every property is optional: null means "whatever it
/// is" (or the system default for a new user). An options object rather than optional parameters because a call in
/// an expression tree (<c>CallAsync(() => ...)</c>) cannot skip optional arguments by name.
/// </summary>
public sealed record UserOptions
{
    /// <summary>The numeric user id.</summary>
    public int? Uid { get; init; }

    /// <summary>The primary group id (the group must exist).</summary>
    public int? Gid { get; init; }

    /// <summary>The GECOS comment (full name).</summary>
    public string? Comment { get; init; }

    /// <summary>The home directory (an existing user's home is moved there).</summary>
    public string? Home { get; init; }

    /// <summary>The login shell.</summary>
    public string? Shell { get; init; }

    /// <summary>Supplementary groups (which must exist); null leaves the memberships alone.</summary>
    public IReadOnlyList<string>? Groups { get; init; }

    /// <summary>
    /// True (default): the user is added to <see cref="Groups"/> and keeps its other memberships. False: its
    /// supplementary groups become exactly <see cref="Groups"/>.
    /// </summary>
    public bool AppendGroups { get; init; } = true;

    /// <summary>Create a system account (a uid from the system range) — only when the user is created.</summary>
    public bool System { get; init; }

    /// <summary>Create the home directory when creating the user; null: yes for normal users, no for system users.</summary>
    public bool? CreateHome { get; init; }
}
