using System.Security.Cryptography;
using System.Text;
using Rmote.Tools.Tests.Infrastructure;

namespace Rmote.Tools.Tests;

public sealed class FileSystemTests(LocalAgent agent) : IClassFixture<LocalAgent>, IDisposable
{
    private const UnixFileMode Mode600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Mode640 = Mode600 | UnixFileMode.GroupRead;

    private readonly TempDirectory temp = new();

    private RmoteConnection Connection => agent.Connection;

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task WriteText_creates_the_file_and_a_second_identical_write_touches_nothing()
    {
        var path = temp["app.conf"];

        var first = await Connection.CallAsync(() => FileSystem.WriteText(path, "port = 80\n"));
        var before = FileIdentity.Of(path);
        var second = await Connection.CallAsync(() => FileSystem.WriteText(path, "port = 80\n"));

        Assert.Equal(new FileChange(path, true), first);
        Assert.Equal(new FileChange(path, false), second);
        Assert.Equal(before, FileIdentity.Of(path));
        Assert.Equal("port = 80\n", await File.ReadAllTextAsync(path));
        Assert.Equal("644", before.Mode);
        Assert.Equal(["app.conf"], Directory.GetFileSystemEntries(temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_changed_write_replaces_the_file_atomically_and_keeps_its_mode_and_owner()
    {
        var path = temp.Write("app.conf", "old\n");
        File.SetUnixFileMode(path, Mode640);
        FileIdentity.Run("chown", "nobody:nogroup", path);
        var before = FileIdentity.Of(path);

        var change = await Connection.CallAsync(() => FileSystem.WriteText(path, "new\n"));

        var after = FileIdentity.Of(path);
        Assert.True(change.Changed);
        Assert.NotEqual(before.Inode, after.Inode);   // a new file renamed over the old one, not an in-place rewrite
        Assert.Equal(("640", "nobody", "nogroup"), (after.Mode, after.Owner, after.Group));
        Assert.Equal("new\n", await File.ReadAllTextAsync(path));
        Assert.Single(Directory.GetFileSystemEntries(temp.Path));
    }

    [Fact]
    public async Task Mode_and_owner_are_converged_without_rewriting_identical_content()
    {
        var path = temp.Write("secret", "s3cret");
        var before = FileIdentity.Of(path);

        var change = await Connection.CallAsync(() => FileSystem.WriteBytes(path, Encoding.UTF8.GetBytes("s3cret"), Mode600, "nobody", "nogroup"));
        var settled = FileIdentity.Of(path);
        var again = await Connection.CallAsync(() => FileSystem.WriteBytes(path, Encoding.UTF8.GetBytes("s3cret"), Mode600, "nobody", "nogroup"));

        Assert.True(change.Changed);
        Assert.False(again.Changed);
        Assert.Equal(before.Inode, settled.Inode);
        Assert.Equal(before.Modified, settled.Modified);
        Assert.Equal(("600", "nobody", "nogroup"), (settled.Mode, settled.Owner, settled.Group));
        Assert.Equal(settled, FileIdentity.Of(path));
    }

    [Fact]
    public async Task Writing_through_a_symlink_updates_its_target_and_keeps_the_link()
    {
        var target = temp.Write("real.conf", "a\n");
        var link = temp["link.conf"];
        File.CreateSymbolicLink(link, target);

        var change = await Connection.CallAsync(() => FileSystem.WriteText(link, "b\n"));

        Assert.True(change.Changed);
        Assert.Equal(target, new FileInfo(link).LinkTarget);
        Assert.Equal("b\n", await File.ReadAllTextAsync(target));
    }

    [Fact]
    public async Task Unknown_owner_is_a_clear_error_and_nothing_is_written()
    {
        var path = temp["x"];

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Connection.CallAsync(() => FileSystem.WriteText(path, "x", null, "no-such-user-rmote", null)));

        Assert.Contains("no-such-user-rmote", error.Message);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task Writing_into_a_missing_directory_is_DirectoryNotFoundException()
    {
        var path = temp["no/such/dir/file"];

        await Assert.ThrowsAsync<DirectoryNotFoundException>(() => Connection.CallAsync(() => FileSystem.WriteText(path, "x")));
    }

    [Fact]
    public async Task Reads_return_bytes_and_utf8_text()
    {
        var bytes = new byte[] { 0, 1, 2, 255, 0xE2, 0x82, 0xAC };
        var path = temp["data.bin"];
        await File.WriteAllBytesAsync(path, bytes);
        var text = temp.Write("text.txt", "héllo €\n");

        Assert.Equal(bytes, await Connection.CallAsync(() => FileSystem.ReadBytes(path)));
        Assert.Equal("héllo €\n", await Connection.CallAsync(() => FileSystem.ReadText(text)));
        var missing = temp["missing"];
        await Assert.ThrowsAsync<FileNotFoundException>(() => Connection.CallAsync(() => FileSystem.ReadText(missing)));
    }

    [Fact]
    public async Task Exists_and_Stat_report_files_directories_and_links()
    {
        var file = temp.Write("f.txt", "12345");
        File.SetUnixFileMode(file, Mode640);
        var link = temp["l"];
        File.CreateSymbolicLink(link, file);
        var dangling = temp["d"];
        File.CreateSymbolicLink(dangling, temp["nowhere"]);
        var (dir, missing) = (temp.Path, temp["missing"]);

        Assert.True(await Connection.CallAsync(() => FileSystem.Exists(file)));
        Assert.True(await Connection.CallAsync(() => FileSystem.Exists(dir)));
        Assert.True(await Connection.CallAsync(() => FileSystem.Exists(link)));
        Assert.False(await Connection.CallAsync(() => FileSystem.Exists(dangling)));
        Assert.False(await Connection.CallAsync(() => FileSystem.Exists(missing)));

        var status = await Connection.CallAsync(() => FileSystem.Stat(file));
        var identity = FileIdentity.Of(file);
        Assert.Equal((FileType.RegularFile, 5L, Mode640, "root", "root", 1), (status.Type, status.Size, status.Mode, status.Owner, status.Group, status.Links));
        Assert.Equal(identity.Inode, status.Inode.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(File.GetLastWriteTimeUtc(file), status.LastWriteTime.UtcDateTime);

        var linkStatus = await Connection.CallAsync(() => FileSystem.Stat(link));
        var followed = await Connection.CallAsync(() => FileSystem.Stat(link, true));
        Assert.Equal((FileType.SymbolicLink, file), (linkStatus.Type, linkStatus.LinkTarget));
        Assert.Equal((FileType.RegularFile, status.Inode, (string?)null), (followed.Type, followed.Inode, followed.LinkTarget));
        Assert.Equal(FileType.Directory, (await Connection.CallAsync(() => FileSystem.Stat(dir))).Type);
        await Assert.ThrowsAsync<FileNotFoundException>(() => Connection.CallAsync(() => FileSystem.Stat(missing)));
    }

    [Fact]
    public async Task Glob_matches_names_sets_and_any_depth_sorted()
    {
        foreach (var file in new[] { "a.conf", "b.conf", ".hidden.conf", "c.txt", "sub/d.conf", "sub/deeper/e.conf", "sub/x.txt" })
            temp.Write(file, "");
        var root = temp.Path;
        string[] Full(params string[] names) => names.Select(n => Path.Join(root, n)).ToArray();

        Assert.Equal(Full(".hidden.conf", "a.conf", "b.conf"), await Connection.CallAsync(() => FileSystem.Glob(root, "*.conf")));
        Assert.Equal(Full(".hidden.conf", "a.conf", "b.conf", "sub/d.conf", "sub/deeper/e.conf"),
            await Connection.CallAsync(() => FileSystem.Glob(root, "**/*.conf")));
        Assert.Equal(Full("a.conf", "c.txt"), await Connection.CallAsync(() => FileSystem.Glob(root, "[ac].*")));
        Assert.Equal(Full("b.conf"), await Connection.CallAsync(() => FileSystem.Glob(root, "[!.ac]?conf")));
        Assert.Equal(Full("sub/d.conf", "sub/x.txt"), await Connection.CallAsync(() => FileSystem.Glob(root, "sub/?.*")));
        Assert.Empty(await Connection.CallAsync(() => FileSystem.Glob(root, "nothing/*")));
        await Assert.ThrowsAsync<ArgumentException>(() => Connection.CallAsync(() => FileSystem.Glob(root, "/etc/*")));
    }

    [Fact]
    public async Task Remove_deletes_files_links_and_directories_once()
    {
        var file = temp.Write("f", "x");
        var target = temp.Write("keep/target", "keep");
        var link = temp["link"];
        File.CreateSymbolicLink(link, target);
        temp.Write("tree/a/b", "x");
        var tree = temp["tree"];

        Assert.True((await Connection.CallAsync(() => FileSystem.Remove(file))).Changed);
        Assert.False((await Connection.CallAsync(() => FileSystem.Remove(file))).Changed);
        Assert.True((await Connection.CallAsync(() => FileSystem.Remove(link))).Changed);
        Assert.True(File.Exists(target));
        await Assert.ThrowsAsync<IOException>(() => Connection.CallAsync(() => FileSystem.Remove(tree)));
        Assert.True((await Connection.CallAsync(() => FileSystem.Remove(tree, true))).Changed);
        Assert.False(Directory.Exists(tree));
    }

    [Fact]
    public async Task MakeDirectory_creates_parents_and_converges_mode_and_owner()
    {
        var path = temp["a/b/c"];
        const UnixFileMode Mode750 = (UnixFileMode)0x1E8;

        var created = await Connection.CallAsync(() => FileSystem.MakeDirectory(path, Mode750, "nobody", null));
        var before = FileIdentity.Of(path);
        var again = await Connection.CallAsync(() => FileSystem.MakeDirectory(path, Mode750, "nobody", null));
        var file = temp.Write("plain", "");

        Assert.True(created.Changed);
        Assert.False(again.Changed);
        Assert.Equal(before, FileIdentity.Of(path));
        Assert.Equal(("750", "nobody"), (before.Mode, before.Owner));
        await Assert.ThrowsAsync<IOException>(() => Connection.CallAsync(() => FileSystem.MakeDirectory(file)));
    }

    [Fact]
    public async Task Checksum_is_the_sha256_of_the_content()
    {
        var path = temp.Write("f", "checksum me");

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData("checksum me"u8)), await Connection.CallAsync(() => FileSystem.Checksum(path)));
    }
}
