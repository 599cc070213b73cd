using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Rmote.Tools.Tests.Infrastructure;

namespace Rmote.Tools.Tests;

public sealed class ArchiveTests(LocalAgent agent) : IClassFixture<LocalAgent>, IDisposable
{
    private readonly TempDirectory temp = new();

    private RmoteConnection Connection => agent.Connection;

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData("../escape.txt")]
    [InlineData("a/../../escape.txt")]
    [InlineData("/tmp/rmote-absolute-entry.txt")]
    public async Task An_entry_escaping_the_destination_refuses_the_whole_archive_before_anything_is_written(string evil)
    {
        var archive = Tar("evil.tar", File("first.txt", "fine"), File(evil, "pwned"));
        var destination = temp["out"];

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Connection.CallAsync(() => FileSystem.ExtractArchive(archive, destination)));

        Assert.Contains(evil, error.Message);
        Assert.False(Directory.Exists(destination));
        Assert.False(System.IO.File.Exists(temp["escape.txt"]));
        Assert.False(System.IO.File.Exists("/tmp/rmote-absolute-entry.txt"));
    }

    [Fact]
    public async Task Links_and_special_files_are_skipped_and_set_id_bits_dropped()
    {
        var run = File("app/bin/run.sh", "#!/bin/sh\n");
        run.Mode = (UnixFileMode)0x9ED;   // setuid + rwxr-xr-x
        var archive = Tar("app.tar.gz",
            new PaxTarEntry(TarEntryType.Directory, "app/"),
            run,
            new PaxTarEntry(TarEntryType.SymbolicLink, "app/passwd") { LinkName = "/etc/passwd" },
            new PaxTarEntry(TarEntryType.SymbolicLink, "app/up") { LinkName = "../../.." },
            new PaxTarEntry(TarEntryType.HardLink, "app/hard") { LinkName = "app/bin/run.sh" },
            new PaxTarEntry(TarEntryType.Fifo, "app/fifo"));
        var destination = temp["out"];

        var result = await Connection.CallAsync(() => FileSystem.ExtractArchive(archive, destination));

        Assert.Equal(destination, result.Destination);
        Assert.Equal(["app/", "app/bin/run.sh"], result.Extracted);
        Assert.Equal(["app/passwd", "app/up", "app/hard", "app/fifo"], result.Skipped);
        Assert.Equal(["bin"], Directory.GetFileSystemEntries(Path.Join(destination, "app")).Select(Path.GetFileName));
        Assert.Equal("#!/bin/sh\n", await System.IO.File.ReadAllTextAsync(Path.Join(destination, "app/bin/run.sh")));
        Assert.Equal("755", FileIdentity.Of(Path.Join(destination, "app/bin/run.sh")).Mode);
    }

    [Fact]
    public async Task An_existing_symlink_in_the_destination_is_never_written_through()
    {
        var outside = temp["outside"];
        Directory.CreateDirectory(outside);
        var victim = temp.Write("outside/victim.txt", "original");
        var destination = temp["out"];
        Directory.CreateDirectory(destination);
        System.IO.File.CreateSymbolicLink(Path.Join(destination, "dir"), outside);
        System.IO.File.CreateSymbolicLink(Path.Join(destination, "victim.txt"), victim);

        var throughDirectory = Tar("dir.tar", File("dir/planted.txt", "x"));
        await Assert.ThrowsAsync<IOException>(() => Connection.CallAsync(() => FileSystem.ExtractArchive(throughDirectory, destination)));
        var overLink = Tar("file.tar", File("victim.txt", "replaced"));
        await Connection.CallAsync(() => FileSystem.ExtractArchive(overLink, destination));

        Assert.Equal(["victim.txt"], Directory.GetFileSystemEntries(outside).Select(Path.GetFileName));
        Assert.Equal("original", await System.IO.File.ReadAllTextAsync(victim));
        Assert.Null(new FileInfo(Path.Join(destination, "victim.txt")).LinkTarget);
        Assert.Equal("replaced", await System.IO.File.ReadAllTextAsync(Path.Join(destination, "victim.txt")));
    }

    [Fact]
    public async Task Zip_archives_are_checked_and_extracted_the_same_way()
    {
        var good = Zip("good.zip", ("conf/app.conf", "port = 80\n", 0x81A4), ("conf/link", "/etc/shadow", 0xA1FF), ("empty/", "", 0x41ED));
        var evil = Zip("evil.zip", ("ok.txt", "fine", 0x81A4), ("../../zip-escape.txt", "pwned", 0x81A4));
        var destination = temp["out"];

        var result = await Connection.CallAsync(() => FileSystem.ExtractArchive(good, destination));
        await Assert.ThrowsAsync<InvalidDataException>(() => Connection.CallAsync(() => FileSystem.ExtractArchive(evil, destination)));

        Assert.Equal(["conf/app.conf", "empty/"], result.Extracted);
        Assert.Equal(["conf/link"], result.Skipped);
        Assert.Equal("port = 80\n", await System.IO.File.ReadAllTextAsync(Path.Join(destination, "conf/app.conf")));
        Assert.False(System.IO.File.Exists(Path.Join(destination, "conf/link")));
        Assert.False(System.IO.File.Exists(Path.Join(destination, "ok.txt")));
    }

    [Fact]
    public async Task A_damaged_archive_is_a_clear_error()
    {
        var archive = temp["broken.tar.gz"];
        await System.IO.File.WriteAllBytesAsync(archive, [0x1f, 0x8b, 8, 0, 1, 2, 3]);
        var destination = temp["out"];

        await Assert.ThrowsAnyAsync<Exception>(() => Connection.CallAsync(() => FileSystem.ExtractArchive(archive, destination)));

        Assert.False(Directory.Exists(destination));
    }

    private static PaxTarEntry File(string name, string content) =>
        new(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)) };

    private string Tar(string name, params TarEntry[] entries)
    {
        var path = temp[name];
        using (var file = System.IO.File.Create(path))
        using (var stream = name.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionLevel.Fastest) : (Stream)file)
        using (var writer = new TarWriter(stream, TarEntryFormat.Pax))
        {
            foreach (var entry in entries) writer.WriteEntry(entry);
        }

        return path;
    }

    private string Zip(string name, params (string Name, string Content, int UnixMode)[] entries)
    {
        var path = temp[name];
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (entryName, content, mode) in entries)
        {
            var entry = zip.CreateEntry(entryName);
            entry.ExternalAttributes = mode << 16;
            using var data = entry.Open();
            data.Write(Encoding.UTF8.GetBytes(content));
        }

        return path;
    }
}
