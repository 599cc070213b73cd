namespace Rmote.Tools.Tests.Infrastructure;

/// <summary>
/// Throwaway users and groups with unique names, read back with getent (independently of the tools) and removed on
/// dispose whatever the test did.
/// </summary>
public sealed class ThrowawayAccounts : IDisposable
{
    private readonly List<string> users = [];
    private readonly List<string> groups = [];

    /// <summary>A fresh name, removed (as a user and as a group) on dispose.</summary>
    public string NewName()
    {
        var name = "rmt" + Guid.NewGuid().ToString("N")[..9];
        users.Add(name);
        groups.Add(name);
        return name;
    }

    public static string[]? Passwd(string name) => GetEnt("passwd", name);

    public static string[]? Group(string name) => GetEnt("group", name);

    public static int FreeGid()
    {
        for (var gid = Random.Shared.Next(40000, 60000); ; gid++)
            if (GetEnt("group", gid.ToString(System.Globalization.CultureInfo.InvariantCulture)) is null) return gid;
    }

    public void Dispose()
    {
        foreach (var user in users) TryRun("userdel", "--remove", user);
        foreach (var group in groups) TryRun("groupdel", group);
    }

    private static string[]? GetEnt(string database, string key)
    {
        try
        {
            return FileIdentity.Run("getent", database, key).TrimEnd('\n').Split(':');
        }
        catch (InvalidOperationException)
        {
            return null;   // exit code 2: no such entry
        }
    }

    private static void TryRun(string program, params string[] arguments)
    {
        try
        {
            FileIdentity.Run(program, arguments);
        }
        catch (InvalidOperationException)
        {
        }
    }
}
