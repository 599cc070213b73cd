namespace Rmote.Tools;

/// <summary>A group after <see cref="User.GroupPresent"/>.</summary>
/// <param name="Name">The group name.</param>
/// <param name="Gid">The group id.</param>
/// <param name="Members">Its explicit members.</param>
/// <param name="Changed">Whether the group was created or its gid changed.</param>
public sealed record GroupInfo(string Name, int Gid, string[] Members, bool Changed);
