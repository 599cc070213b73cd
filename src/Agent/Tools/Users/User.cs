using System.Globalization;
using Rmote.Tools.Common;
using Rmote.Tools.Interop;

namespace Rmote.Tools;

/// <summary>
/// Users, groups, SSH keys and sudo rights, through the shadow-utils programs (<c>useradd</c>, <c>usermod</c>,
/// <c>userdel</c>, <c>groupadd</c>, <c>groupmod</c>, <c>groupdel</c>) and <c>visudo</c>. Everything converges:
/// the current state is read from the name service first and only what differs is changed, so <c>Changed</c> is
/// true exactly when something was run or written. Names are validated before anything runs. Needs root.
/// </summary>
[Tool]
public static partial class User
{
    private static readonly Commands Programs = new("Rmote.Tools.User");

    /// <summary>
    /// Makes sure user <paramref name="name"/> exists with the given properties: creates it with <c>useradd</c>, or
    /// changes only the differing properties with one <c>usermod</c>.
    /// </summary>
    /// <param name="name">The user name.</param>
    /// <param name="options">The wanted properties; null: only that the user exists.</param>
    /// <exception cref="ArgumentException">An invalid name, group name, comment, home or shell.</exception>
    /// <exception cref="RemoteProcessException">useradd/usermod failed (e.g. a group does not exist).</exception>
    public static UserInfo Present(string name, UserOptions? options = null)
    {
        Names.Account(name, nameof(name));
        options ??= new UserOptions();
        Validate(options);
        var existing = Accounts.FindUser(name);
        var arguments = existing is null ? CreateArguments(options) : ModifyArguments(existing, options);
        if (arguments.Count > 0)
        {
            Programs.Check([existing is null ? "useradd" : "usermod", .. arguments, name]);
        }

        var user = Accounts.FindUser(name) ?? throw new InvalidOperationException($"User '{name}' does not exist after useradd.");
        return new UserInfo(user.Name, user.Uid, user.Gid, user.Comment, user.Home, user.Shell, Accounts.SupplementaryGroups(user), arguments.Count > 0);
    }

    /// <summary>Makes sure user <paramref name="name"/> does not exist (<c>userdel</c>).</summary>
    /// <param name="name">The user name.</param>
    /// <param name="removeHome">Also remove its home directory and mail spool.</param>
    public static NamedChange Absent(string name, bool removeHome = false)
    {
        Names.Account(name, nameof(name));
        if (Accounts.FindUser(name) is null)
        {
            return new NamedChange(name, false);
        }

        Programs.Check(removeHome ? ["userdel", "--remove", name] : ["userdel", name]);
        return new NamedChange(name, true);
    }

    private static List<string> CreateArguments(UserOptions options)
    {
        var arguments = new List<string>();
        Add(arguments, "--uid", options.Uid);
        Add(arguments, "--gid", options.Gid);
        Add(arguments, "--comment", options.Comment);
        Add(arguments, "--home-dir", options.Home);
        Add(arguments, "--shell", options.Shell);
        if (options.Groups is { Count: > 0 } groups)
        {
            arguments.AddRange(["--groups", string.Join(',', groups)]);
        }

        if (options.System)
        {
            arguments.Add("--system");
        }

        arguments.Add(options.CreateHome ?? !options.System ? "--create-home" : "--no-create-home");
        return arguments;
    }

    private static List<string> ModifyArguments(PasswdEntry user, UserOptions options)
    {
        var arguments = new List<string>();
        Add(arguments, "--uid", options.Uid == user.Uid ? null : options.Uid);
        Add(arguments, "--gid", options.Gid == user.Gid ? null : options.Gid);
        Add(arguments, "--comment", options.Comment == user.Comment ? null : options.Comment);
        if (options.Home is { } home && home != user.Home)
        {
            arguments.AddRange(["--home", home, "--move-home"]);
        }

        Add(arguments, "--shell", options.Shell == user.Shell ? null : options.Shell);
        if (options.Groups is { } groups)
        {
            var current = Accounts.SupplementaryGroups(user).ToHashSet(StringComparer.Ordinal);
            if (options.AppendGroups)
            {
                var missing = groups.Where(group => !current.Contains(group)).Distinct(StringComparer.Ordinal).ToList();
                if (missing.Count > 0)
                {
                    arguments.AddRange(["--append", "--groups", string.Join(',', missing)]);
                }
            }
            else if (!current.SetEquals(groups))
            {
                arguments.AddRange(["--groups", string.Join(',', groups.Distinct(StringComparer.Ordinal))]);
            }
        }

        return arguments;
    }

    private static void Add(List<string> arguments, string option, string? value)
    {
        if (value is not null)
        {
            arguments.AddRange([option, value]);
        }
    }

    private static void Add(List<string> arguments, string option, int? value) =>
        Add(arguments, option, value?.ToString(CultureInfo.InvariantCulture));

    private static void Validate(UserOptions options)
    {
        if (options.Comment is { } comment && Names.SingleLine(comment, nameof(options.Comment)).Contains(':'))
        {
            throw new ArgumentException($"The comment '{comment}' must not contain ':'.", nameof(options));
        }

        foreach (var (path, what) in new[] { (options.Home, "home directory"), (options.Shell, "shell") })
        {
            if (path is not null && (!path.StartsWith('/') || path.Contains(':') || path.Any(char.IsControl)))
            {
                throw new ArgumentException($"The {what} '{Names.Printable(path)}' must be an absolute path without ':'.", nameof(options));
            }
        }

        foreach (var group in options.Groups ?? [])
        {
            Names.Account(group, nameof(options.Groups));
        }

        if (options.Uid < 0 || options.Gid < 0)
        {
            throw new ArgumentException("Uid and Gid must not be negative.", nameof(options));
        }
    }
}
