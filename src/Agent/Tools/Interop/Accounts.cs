using System.Globalization;
using System.Runtime.InteropServices;

namespace Rmote.Tools.Interop;

/// <summary>A user as the system's name service reports it (<c>getpwnam</c>).</summary>
internal sealed record PasswdEntry(string Name, int Uid, int Gid, string Comment, string Home, string Shell);

/// <summary>A group as the system's name service reports it (<c>getgrnam</c>); members are the explicit ones.</summary>
internal sealed record GroupEntry(string Name, int Gid, string[] Members);

/// <summary>
/// User and group lookups through libc's reentrant functions, so every NSS source counts (files, LDAP, ...), and the
/// resolution of owner/group arguments that may be names or numbers.
/// </summary>
internal static unsafe class Accounts
{
    private const int InitialBuffer = 1024;
    private const int MaxBuffer = 1 << 20;

    /// <summary>The user called <paramref name="name"/>, or null.</summary>
    public static PasswdEntry? FindUser(string name) =>
        LookUpPasswd((entry, buffer, length, result) => LibC.GetPwNam(name, entry, buffer, length, result));

    /// <summary>The user with <paramref name="uid"/>, or null.</summary>
    public static PasswdEntry? FindUser(int uid) =>
        LookUpPasswd((entry, buffer, length, result) => LibC.GetPwUid((uint)uid, entry, buffer, length, result));

    /// <summary>The group called <paramref name="name"/>, or null.</summary>
    public static GroupEntry? FindGroup(string name) =>
        LookUpGroup((entry, buffer, length, result) => LibC.GetGrNam(name, entry, buffer, length, result));

    /// <summary>The group with <paramref name="gid"/>, or null.</summary>
    public static GroupEntry? FindGroup(int gid) =>
        LookUpGroup((entry, buffer, length, result) => LibC.GetGrGid((uint)gid, entry, buffer, length, result));

    /// <summary>
    /// The names of the groups <paramref name="user"/> is an explicit member of (its supplementary groups), sorted;
    /// the primary group counts only when the user is also listed as its member.
    /// </summary>
    public static string[] SupplementaryGroups(PasswdEntry user)
    {
        var count = 64;
        while (true)
        {
            var ids = new uint[count];
            int found = count;
            fixed (uint* groups = ids)
            {
                if (LibC.GetGroupList(user.Name, (uint)user.Gid, groups, &found) >= 0)
                {
                    return ids.Take(found)
                        .Select(id => FindGroup((int)id))
                        .Where(group => group is not null && (group.Gid != user.Gid || group.Members.Contains(user.Name)))
                        .Select(group => group!.Name)
                        .Distinct(StringComparer.Ordinal)
                        .Order(StringComparer.Ordinal)
                        .ToArray();
                }
            }

            count = found > count ? found : count * 2;
            if (count > 65536)
            {
                throw new InvalidOperationException($"getgrouplist failed for user '{user.Name}'.");
            }
        }
    }

    /// <summary>The uid of <paramref name="owner"/> — a user name or a number.</summary>
    /// <exception cref="ArgumentException">No such user.</exception>
    public static int ResolveUid(string owner) =>
        FindUser(owner)?.Uid ?? (TryParseId(owner, out var uid) ? uid : throw new ArgumentException($"There is no user '{owner}'.", nameof(owner)));

    /// <summary>The gid of <paramref name="group"/> — a group name or a number.</summary>
    /// <exception cref="ArgumentException">No such group.</exception>
    public static int ResolveGid(string group) =>
        FindGroup(group)?.Gid ?? (TryParseId(group, out var gid) ? gid : throw new ArgumentException($"There is no group '{group}'.", nameof(group)));

    private static bool TryParseId(string text, out int id) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id);

    private delegate int Lookup<T>(T* entry, byte* buffer, nuint length, T** result)
        where T : unmanaged;

    private static PasswdEntry? LookUpPasswd(Lookup<LibC.Passwd> lookup) =>
        LookUp(lookup, static entry => new PasswdEntry(
            Text(entry->Name), (int)entry->Uid, (int)entry->Gid, Text(entry->Gecos), Text(entry->Directory), Text(entry->Shell)));

    private static GroupEntry? LookUpGroup(Lookup<LibC.Group> lookup) =>
        LookUp(lookup, static entry => new GroupEntry(Text(entry->Name), (int)entry->Gid, Members(entry->Members)));

    private delegate TResult Reader<T, TResult>(T* entry)
        where T : unmanaged;

    private static TResult? LookUp<T, TResult>(Lookup<T> lookup, Reader<T, TResult> read)
        where T : unmanaged
        where TResult : class
    {
        for (var size = InitialBuffer; size <= MaxBuffer; size *= 2)
        {
            var buffer = new byte[size];
            T entry;
            T* result = null;
            fixed (byte* data = buffer)
            {
                var error = lookup(&entry, data, (nuint)size, &result);
                if (error == LibC.RangeError)
                {
                    continue;
                }

                // "Not found" is a null result with 0 (or, on some libcs, ENOENT and friends): both mean no entry.
                return result is null ? null : read(result);
            }
        }

        throw new InvalidOperationException("A passwd/group entry is larger than 1 MiB.");
    }

    private static string Text(nint pointer) => pointer == 0 ? string.Empty : Marshal.PtrToStringUTF8(pointer) ?? string.Empty;

    private static string[] Members(nint list)
    {
        var members = new List<string>();
        for (var item = (nint*)list; item is not null && *item != 0; item++)
        {
            members.Add(Text(*item));
        }

        return [.. members];
    }
}
