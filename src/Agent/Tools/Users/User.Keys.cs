using Rmote.Tools.Common;
using Rmote.Tools.Interop;

namespace Rmote.Tools;

// SSH authorized keys.
public static partial class User
{
    private const UnixFileMode PrivateDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Makes sure <paramref name="key"/> is in <c>~/.ssh/authorized_keys</c> of user <paramref name="name"/>. The key
    /// goes on a line of its own even when the file does not end with a line break; the file is written atomically,
    /// mode 0600, owned by the user, and only when it changes. <c>~/.ssh</c> is created (0700, owned by the user) if
    /// missing. A symlink at <c>~/.ssh</c> or <c>authorized_keys</c> is refused, and ownership is set with
    /// <c>lchown</c>/<c>fchown</c>: a user cannot make root write or chown a file elsewhere through a planted link.
    /// </summary>
    /// <param name="name">The user.</param>
    /// <param name="key">One public key line, e.g. <c>ssh-ed25519 AAAA... comment</c>.</param>
    /// <param name="exclusive">Make this key the only one in the file.</param>
    /// <exception cref="ArgumentException">No such user, or the key is empty or spans several lines.</exception>
    /// <exception cref="IOException"><c>~/.ssh</c> or <c>authorized_keys</c> is a symlink or not of the expected type.</exception>
    /// <exception cref="InvalidDataException">
    /// <c>authorized_keys</c> is not valid UTF-8 and <paramref name="exclusive"/> is false (it is left unchanged; the
    /// lines already there are never rewritten).
    /// </exception>
    public static NamedChange AuthorizedKey(string name, string key, bool exclusive = false)
    {
        Names.Account(name, nameof(name));
        ArgumentNullException.ThrowIfNull(key);
        key = key.Trim();
        if (key.Length == 0 || key.Any(char.IsControl))
        {
            throw new ArgumentException("The key must be one non-empty line (one key per call).", nameof(key));
        }

        var user = Accounts.FindUser(name) ?? throw new ArgumentException($"There is no user '{name}'.", nameof(name));
        var owned = new FileSettings(null, user.Uid, user.Gid);
        var directory = Path.Join(user.Home, ".ssh");
        var changed = EnsurePrivateDirectory(directory, owned with { Mode = PrivateDirectory });

        var file = Path.Join(directory, "authorized_keys");
        var (current, byteOrderMark) = NativeFile.TryStat(file) switch
        {
            null => (string.Empty, false),
            // An exclusive key replaces the whole file: what is in it now need not be decodable.
            { IsRegularFile: true } => exclusive ? (string.Empty, false) : TextFile.Read(file),
            _ => throw new IOException($"'{file}' is not a regular file (a symlink is refused); not touching it."),
        };
        var wanted = exclusive ? key + "\n" : WithKey(current, key);
        return new NamedChange(name, AtomicFile.Write(file, TextFile.Encode(wanted, byteOrderMark), owned with { Mode = PrivateFile }) | changed);
    }

    private static string WithKey(string current, string key)
    {
        if (current.Split('\n').Any(line => line.Trim() == key))
        {
            return current;
        }

        // rmote appended straight after a last line without a line break, gluing two keys into one broken line.
        var separator = current.Length > 0 && !current.EndsWith('\n') ? "\n" : string.Empty;
        return current + separator + key + "\n";
    }

    private static bool EnsurePrivateDirectory(string directory, FileSettings settings)
    {
        switch (NativeFile.TryStat(directory))
        {
            case null:
                Directory.CreateDirectory(directory, PrivateDirectory);
                settings.ApplyTo(directory, NativeFile.TryStat(directory)!.Value);
                return true;
            case { IsDirectory: true } existing:
                return settings.ApplyTo(directory, existing);
            default:
                throw new IOException($"'{directory}' is not a directory (a symlink is refused); not touching it.");
        }
    }
}
