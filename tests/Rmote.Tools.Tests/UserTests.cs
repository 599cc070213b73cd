using Rmote.Tools.Tests.Infrastructure;

namespace Rmote.Tools.Tests;

/// <summary>Real users and groups with the real shadow-utils (as root); one class, so no two useradd runs race.</summary>
public sealed class UserTests(LocalAgent agent) : IClassFixture<LocalAgent>, IDisposable
{
    private readonly ThrowawayAccounts accounts = new();
    private readonly TempDirectory temp = new();

    private RmoteConnection Connection => agent.Connection;

    public void Dispose()
    {
        accounts.Dispose();
        temp.Dispose();
    }

    [Fact]
    public async Task Present_creates_a_user_once_and_the_second_call_touches_nothing()
    {
        var (name, group) = (accounts.NewName(), accounts.NewName());
        await Connection.CallAsync(() => User.GroupPresent(group));
        var options = new UserOptions { Comment = "Deploy Bot", Shell = "/bin/sh", Groups = new[] { group } };

        var created = await Connection.CallAsync(() => User.Present(name, options));
        var passwd = FileIdentity.Of("/etc/passwd");
        var again = await Connection.CallAsync(() => User.Present(name, options));

        var entry = ThrowawayAccounts.Passwd(name)!;
        var expected = new UserInfo(name, int.Parse(entry[2]), int.Parse(entry[3]), "Deploy Bot", $"/home/{name}", "/bin/sh", created.Groups, true);
        Assert.Equal(expected, created);
        Assert.Equal([group], created.Groups);
        Assert.Equal(expected with { Changed = false, Groups = again.Groups }, again);
        Assert.Equal([group], again.Groups);
        Assert.Equal(("Deploy Bot", $"/home/{name}", "/bin/sh"), (entry[4], entry[5], entry[6]));
        Assert.True(Directory.Exists($"/home/{name}"));
        Assert.Contains(name, ThrowawayAccounts.Group(group)![3].Split(','));
        Assert.Equal(passwd, FileIdentity.Of("/etc/passwd"));
    }

    [Fact]
    public async Task Present_changes_only_the_differing_properties()
    {
        var name = accounts.NewName();
        await Connection.CallAsync(() => User.Present(name, new UserOptions { Comment = "Old", Shell = "/bin/sh", CreateHome = false }));

        var sameComment = await Connection.CallAsync(() => User.Present(name, new UserOptions { Comment = "Old" }));
        var newShell = await Connection.CallAsync(() => User.Present(name, new UserOptions { Comment = "Old", Shell = "/bin/bash" }));

        Assert.False(sameComment.Changed);
        Assert.True(newShell.Changed);
        Assert.Equal(("Old", "/bin/bash"), (ThrowawayAccounts.Passwd(name)![4], ThrowawayAccounts.Passwd(name)![6]));
        Assert.False(Directory.Exists($"/home/{name}"));
    }

    [Fact]
    public async Task Groups_are_appended_by_default_or_made_exact()
    {
        var (name, first, second) = (accounts.NewName(), accounts.NewName(), accounts.NewName());
        await Connection.CallAsync(() => User.GroupPresent(first));
        await Connection.CallAsync(() => User.GroupPresent(second));
        await Connection.CallAsync(() => User.Present(name, new UserOptions { Groups = new[] { first }, CreateHome = false }));

        var appended = await Connection.CallAsync(() => User.Present(name, new UserOptions { Groups = new[] { second } }));
        var appendedAgain = await Connection.CallAsync(() => User.Present(name, new UserOptions { Groups = new[] { second } }));
        var exact = await Connection.CallAsync(() => User.Present(name, new UserOptions { Groups = new[] { second }, AppendGroups = false }));
        var exactAgain = await Connection.CallAsync(() => User.Present(name, new UserOptions { Groups = new[] { second }, AppendGroups = false }));

        Assert.True(appended.Changed);
        Assert.Equal(new[] { first, second }.Order(StringComparer.Ordinal), appended.Groups);
        Assert.False(appendedAgain.Changed);
        Assert.True(exact.Changed);
        Assert.Equal([second], exact.Groups);
        Assert.False(exactAgain.Changed);
        Assert.DoesNotContain(name, ThrowawayAccounts.Group(first)![3].Split(','));
    }

    [Fact]
    public async Task Absent_removes_a_user_once()
    {
        var name = accounts.NewName();
        await Connection.CallAsync(() => User.Present(name));

        Assert.Equal(new NamedChange(name, true), await Connection.CallAsync(() => User.Absent(name, true)));
        Assert.Equal(new NamedChange(name, false), await Connection.CallAsync(() => User.Absent(name, true)));
        Assert.Null(ThrowawayAccounts.Passwd(name));
        Assert.False(Directory.Exists($"/home/{name}"));
    }

    [Fact]
    public async Task Groups_are_created_given_their_gid_and_removed_once()
    {
        var name = accounts.NewName();
        var (gid, otherGid) = (ThrowawayAccounts.FreeGid(), ThrowawayAccounts.FreeGid() + 1);

        var created = await Connection.CallAsync(() => User.GroupPresent(name, gid));
        var again = await Connection.CallAsync(() => User.GroupPresent(name, gid));
        var anyGid = await Connection.CallAsync(() => User.GroupPresent(name));
        var moved = await Connection.CallAsync(() => User.GroupPresent(name, otherGid));

        Assert.Equal((name, gid, true), (created.Name, created.Gid, created.Changed));
        Assert.Empty(created.Members);
        Assert.Equal((gid, false), (again.Gid, again.Changed));
        Assert.False(anyGid.Changed);
        Assert.Equal((otherGid, true), (moved.Gid, moved.Changed));
        Assert.Equal(otherGid.ToString(System.Globalization.CultureInfo.InvariantCulture), ThrowawayAccounts.Group(name)![2]);
        Assert.True((await Connection.CallAsync(() => User.GroupAbsent(name))).Changed);
        Assert.False((await Connection.CallAsync(() => User.GroupAbsent(name))).Changed);
        Assert.Null(ThrowawayAccounts.Group(name));
    }

    [Fact]
    public async Task AuthorizedKey_adds_a_key_on_its_own_line_with_private_modes_once()
    {
        var name = accounts.NewName();
        await Connection.CallAsync(() => User.Present(name));
        var ssh = $"/home/{name}/.ssh";
        Directory.CreateDirectory(ssh);
        var file = Path.Join(ssh, "authorized_keys");
        await File.WriteAllTextAsync(file, "ssh-ed25519 AAAAfirst one@example");   // no final line break

        var added = await Connection.CallAsync(() => User.AuthorizedKey(name, "  ssh-ed25519 AAAAsecond two@example\n", false));
        var before = FileIdentity.Of(file);
        var again = await Connection.CallAsync(() => User.AuthorizedKey(name, "ssh-ed25519 AAAAsecond two@example", false));

        Assert.Equal(new NamedChange(name, true), added);
        Assert.Equal(new NamedChange(name, false), again);
        Assert.Equal("ssh-ed25519 AAAAfirst one@example\nssh-ed25519 AAAAsecond two@example\n", await File.ReadAllTextAsync(file));
        Assert.Equal(("600", name), (before.Mode, before.Owner));
        Assert.Equal(("700", name), (FileIdentity.Of(ssh).Mode, FileIdentity.Of(ssh).Owner));
        Assert.Equal(before, FileIdentity.Of(file));

        var exclusive = await Connection.CallAsync(() => User.AuthorizedKey(name, "ssh-ed25519 AAAAonly", true));
        Assert.True(exclusive.Changed);
        Assert.Equal("ssh-ed25519 AAAAonly\n", await File.ReadAllTextAsync(file));
        await Assert.ThrowsAsync<ArgumentException>(() => Connection.CallAsync(() => User.AuthorizedKey(name, "ssh-ed25519 AAAAa\nssh-rsa AAAAb", false)));
    }

    [Fact]
    public async Task AuthorizedKey_refuses_a_file_that_is_not_UTF8_instead_of_rewriting_its_other_keys()
    {
        var name = accounts.NewName();
        await Connection.CallAsync(() => User.Present(name));
        var ssh = $"/home/{name}/.ssh";
        Directory.CreateDirectory(ssh);
        var file = Path.Join(ssh, "authorized_keys");
        // A key whose comment was written in Latin-1 (E9 = é).
        byte[] keys = [.. "ssh-ed25519 AAAAfirst Ren"u8, 0xE9, .. "@example\n"u8];
        await File.WriteAllBytesAsync(file, keys);

        var failure = await Assert.ThrowsAsync<InvalidDataException>(() => Connection.CallAsync(() => User.AuthorizedKey(name, "ssh-ed25519 AAAAsecond", false)));

        Assert.Contains("byte 0xE9 at line 1, column 26", failure.Message, StringComparison.Ordinal);
        Assert.Equal(keys, await File.ReadAllBytesAsync(file));

        // An exclusive key replaces the whole file, so what was in it does not matter.
        Assert.True((await Connection.CallAsync(() => User.AuthorizedKey(name, "ssh-ed25519 AAAAonly", true))).Changed);
        Assert.Equal("ssh-ed25519 AAAAonly\n", await File.ReadAllTextAsync(file));
    }

    [Fact]
    public async Task AuthorizedKey_never_follows_a_planted_symlink()
    {
        var name = accounts.NewName();
        await Connection.CallAsync(() => User.Present(name));
        var elsewhere = temp["root-owned"];
        Directory.CreateDirectory(elsewhere);
        var ssh = $"/home/{name}/.ssh";
        File.CreateSymbolicLink(ssh, elsewhere);

        await Assert.ThrowsAsync<IOException>(() => Connection.CallAsync(() => User.AuthorizedKey(name, "ssh-ed25519 AAAAx", false)));
        Assert.Empty(Directory.GetFileSystemEntries(elsewhere));
        Assert.Equal("root", FileIdentity.Of(elsewhere).Owner);

        File.Delete(ssh);
        Directory.CreateDirectory(ssh);
        var victim = temp.Write("victim", "root only\n");
        File.CreateSymbolicLink(Path.Join(ssh, "authorized_keys"), victim);
        await Assert.ThrowsAsync<IOException>(() => Connection.CallAsync(() => User.AuthorizedKey(name, "ssh-ed25519 AAAAx", false)));
        Assert.Equal("root only\n", await File.ReadAllTextAsync(victim));
        Assert.Equal("root", FileIdentity.Of(victim).Owner);
    }

    [Fact]
    public async Task Sudoer_installs_a_visudo_checked_drop_in_once_and_removes_it()
    {
        var name = accounts.NewName();
        var directory = temp["sudoers.d"];
        var file = Path.Join(directory, name);

        var granted = await Connection.CallAsync(() => User.Sudoer(name, true, false, directory));
        var before = FileIdentity.Of(file);
        var again = await Connection.CallAsync(() => User.Sudoer(name, true, false, directory));
        Assert.Equal(before, FileIdentity.Of(file));
        Assert.Equal($"{name} ALL=(ALL) NOPASSWD: ALL\n", await File.ReadAllTextAsync(file));
        Assert.Equal(("440", "root", "root"), (before.Mode, before.Owner, before.Group));
        FileIdentity.Run("visudo", "-c", "-f", file);

        var withPassword = await Connection.CallAsync(() => User.Sudoer(name, false, false, directory));
        Assert.Equal($"{name} ALL=(ALL) ALL\n", await File.ReadAllTextAsync(file));
        var removed = await Connection.CallAsync(() => User.Sudoer(name, true, true, directory));
        var removedAgain = await Connection.CallAsync(() => User.Sudoer(name, true, true, directory));

        Assert.Equal((true, false, true, true, false), (granted.Changed, again.Changed, withPassword.Changed, removed.Changed, removedAgain.Changed));
        Assert.Empty(Directory.GetFileSystemEntries(directory));
    }

    [Fact]
    public async Task Documented_example()
    {
        var (name, group, sudoers) = (accounts.NewName(), accounts.NewName(), temp["sudoers.d"]);
        var connection = Connection;
        #region snippet:tools-user
        await connection.CallAsync(() => User.GroupPresent(group, null, false));
        var options = new UserOptions { Comment = "Deploy bot", Shell = "/bin/bash", Groups = [group] };

        UserInfo user = await connection.CallAsync(() => User.Present(name, options));
        NamedChange key = await connection.CallAsync(() => User.AuthorizedKey(name, "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5 deploy@ci", false));
        NamedChange sudo = await connection.CallAsync(() => User.Sudoer(name, true, false, sudoers));

        Assert.True(user.Changed && key.Changed && sudo.Changed);
        Assert.Equal([group], user.Groups);
        Assert.False((await connection.CallAsync(() => User.Present(name, options))).Changed);
        #endregion
    }

    [Theory]
    [InlineData("../evil")]
    [InlineData("-rf")]
    [InlineData("Root")]
    [InlineData("a:b")]
    [InlineData("a b")]
    [InlineData("with.dot")]
    public async Task Invalid_names_are_refused_before_anything_runs(string name)
    {
        var directory = temp["sudoers.d"];

        await Assert.ThrowsAsync<ArgumentException>(() => Connection.CallAsync(() => User.Sudoer(name, true, false, directory)));
        if (name != "with.dot")   // a valid user name, but sudo ignores drop-in files with a dot
        {
            await Assert.ThrowsAsync<ArgumentException>(() => Connection.CallAsync(() => User.Present(name)));
            await Assert.ThrowsAsync<ArgumentException>(() => Connection.CallAsync(() => User.GroupAbsent(name)));
        }

        Assert.False(Directory.Exists(directory));
    }
}
