namespace Rmote.Tools;

/// <summary>A user after <see cref="User.Present"/>.</summary>
/// <param name="Name">The user name.</param>
/// <param name="Uid">The user id.</param>
/// <param name="Gid">The primary group id.</param>
/// <param name="Comment">The GECOS comment.</param>
/// <param name="Home">The home directory.</param>
/// <param name="Shell">The login shell.</param>
/// <param name="Groups">The supplementary groups, sorted.</param>
/// <param name="Changed">Whether the user was created or modified.</param>
public sealed record UserInfo(string Name, int Uid, int Gid, string Comment, string Home, string Shell, string[] Groups, bool Changed);
