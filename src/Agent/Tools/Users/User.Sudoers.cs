using System.Text;
using System.Text.RegularExpressions;
using Rmote.Tools.Common;
using Rmote.Tools.Interop;

namespace Rmote.Tools;

// sudo rights.
public static partial class User
{
    /// <summary>Where sudo reads drop-in rules (<c>#includedir /etc/sudoers.d</c>).</summary>
    public const string SudoersDirectory = "/etc/sudoers.d";

    private const UnixFileMode ReadOnlyForOwnerAndGroup = UnixFileMode.UserRead | UnixFileMode.GroupRead;

    /// <summary>
    /// Grants user <paramref name="name"/> full sudo rights with a drop-in file <c>{directory}/{name}</c> holding
    /// <c>{name} ALL=(ALL) [NOPASSWD: ]ALL</c> — or, with <paramref name="absent"/>, removes that file. The new file
    /// is checked with <c>visudo -c -f</c> before it is moved into place (a file sudo rejects would lock everyone out
    /// of sudo), and is written atomically, mode 0440, owned by root.
    /// </summary>
    /// <param name="name">
    /// The user; lower-case letters, digits, '_' and '-' only — sudo silently ignores drop-in files whose name
    /// contains a '.', and the name is the file name.
    /// </param>
    /// <param name="nopasswd">Allow sudo without a password.</param>
    /// <param name="absent">Remove the rule instead.</param>
    /// <param name="directory">The drop-in directory (created 0750 if missing).</param>
    /// <exception cref="ArgumentException">An invalid name.</exception>
    /// <exception cref="RemoteProcessException">visudo rejected the rule; nothing was installed.</exception>
    public static NamedChange Sudoer(string name, bool nopasswd = true, bool absent = false, string directory = SudoersDirectory)
    {
        if (!SudoerName().IsMatch(Names.Account(name, nameof(name))))
        {
            throw new ArgumentException($"'{name}' cannot name a sudoers drop-in file: use lower-case letters, digits, '_' and '-' only.", nameof(name));
        }

        var file = Path.Join(directory, name);
        if (absent)
        {
            return new NamedChange(name, AtomicFile.Delete(file));
        }

        var created = false;
        if (NativeFile.TryStat(directory, followSymlinks: true) is null)
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
            created = true;
        }

        var rule = $"{name} ALL=(ALL) {(nopasswd ? "NOPASSWD: " : string.Empty)}ALL\n";
        var settings = new FileSettings(ReadOnlyForOwnerAndGroup, 0, 0);
        return new NamedChange(name, AtomicFile.Write(file, Encoding.UTF8.GetBytes(rule), settings, Visudo) | created);
    }

    private static void Visudo(string candidate) => Programs.Check("visudo", "-c", "-f", candidate);

    [GeneratedRegex("^[a-z_][a-z0-9_-]*$")]
    private static partial Regex SudoerName();
}
