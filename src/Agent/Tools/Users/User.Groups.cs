using System.Globalization;
using Rmote.Tools.Common;
using Rmote.Tools.Interop;

namespace Rmote.Tools;

// Groups.
public static partial class User
{
    /// <summary>
    /// Makes sure group <paramref name="name"/> exists (<c>groupadd</c>) and, when <paramref name="gid"/> is given,
    /// has that id (<c>groupmod --gid</c>).
    /// </summary>
    /// <param name="name">The group name.</param>
    /// <param name="gid">The wanted group id; null: any.</param>
    /// <param name="system">Create a system group (a gid from the system range) — only when the group is created.</param>
    public static GroupInfo GroupPresent(string name, int? gid = null, bool system = false)
    {
        Names.Account(name, nameof(name));
        ArgumentOutOfRangeException.ThrowIfNegative(gid ?? 0, nameof(gid));
        var existing = Accounts.FindGroup(name);
        List<string>? command = null;
        if (existing is null)
        {
            command = ["groupadd"];
            Add(command, "--gid", gid);
            if (system)
            {
                command.Add("--system");
            }

            command.Add(name);
        }
        else if (gid is { } wanted && existing.Gid != wanted)
        {
            command = ["groupmod", "--gid", wanted.ToString(CultureInfo.InvariantCulture), name];
        }

        if (command is not null)
        {
            Programs.Check([.. command]);
        }

        var group = Accounts.FindGroup(name) ?? throw new InvalidOperationException($"Group '{name}' does not exist after groupadd.");
        return new GroupInfo(group.Name, group.Gid, group.Members, command is not null);
    }

    /// <summary>Makes sure group <paramref name="name"/> does not exist (<c>groupdel</c>).</summary>
    public static NamedChange GroupAbsent(string name)
    {
        Names.Account(name, nameof(name));
        if (Accounts.FindGroup(name) is null)
        {
            return new NamedChange(name, false);
        }

        Programs.Check("groupdel", name);
        return new NamedChange(name, true);
    }
}
