using Rmote.Tools.Interop;

namespace Rmote.Tools.Common;

/// <summary>The permissions and ownership a file should have; a null part is left as it is (or the default for a new file).</summary>
internal readonly record struct FileSettings(UnixFileMode? Mode = null, int? Uid = null, int? Gid = null)
{
    /// <summary>Settings from tool arguments: <paramref name="owner"/> and <paramref name="group"/> are names or numbers.</summary>
    /// <exception cref="ArgumentException">An unknown user or group.</exception>
    public static FileSettings Resolve(UnixFileMode? mode, string? owner, string? group) =>
        new(mode, owner is null ? null : Accounts.ResolveUid(owner), group is null ? null : Accounts.ResolveGid(group));

    /// <summary>
    /// Brings an existing file or directory to these settings, touching only what differs (so an unchanged file keeps
    /// its ctime); returns whether anything changed. The path itself is changed, never a symlink's target.
    /// </summary>
    public bool ApplyTo(string path, NativeStatus current)
    {
        var uid = Uid is { } u && u != current.Uid ? u : -1;
        var gid = Gid is { } g && g != current.Gid ? g : -1;
        var changed = false;
        if (uid != -1 || gid != -1)
        {
            NativeFile.LChown(path, uid, gid);
            changed = true;
            // chown clears the set-id bits: compare the mode as it is now.
            current = NativeFile.TryStat(path) ?? current;
        }

        if (Mode is { } mode && mode != current.Mode)
        {
            NativeFile.LChmod(path, mode);
            changed = true;
        }

        return changed;
    }
}
