using Rmote.Tools.Tests.Infrastructure;

namespace Rmote.Tools.Tests;

public sealed class AptRepositoryTests(LocalAgent agent) : IClassFixture<LocalAgent>, IDisposable
{
    private readonly TempDirectory root = new();

    private RmoteConnection Connection => agent.Connection;

    public void Dispose() => root.Dispose();

    [Fact]
    public async Task Present_writes_a_deb822_sources_file_once_and_Absent_removes_it_once()
    {
        Directory.CreateDirectory(root["etc/apt"]);
        var (rootPath, file) = (root.Path, root["etc/apt/sources.list.d/example.sources"]);
        var source = new AptSource
        {
            Uris = new[] { "https://repo.example/debian", "https://mirror.example/debian" },
            Suites = new[] { "bookworm", "bookworm-backports" },
            Components = new[] { "main", "contrib" },
            SignedBy = "/etc/apt/keyrings/example.asc",
        };

        var written = await Connection.CallAsync(() => AptRepository.Present("example", source, rootPath));
        var before = FileIdentity.Of(file);
        var again = await Connection.CallAsync(() => AptRepository.Present("example", source, rootPath));

        Assert.Equal(new NamedChange("example", true), written);
        Assert.Equal(new NamedChange("example", false), again);
        Assert.Equal(before, FileIdentity.Of(file));
        Assert.Equal("644", before.Mode);
        Assert.Equal("""
            Types: deb
            URIs: https://repo.example/debian https://mirror.example/debian
            Suites: bookworm bookworm-backports
            Components: main contrib
            Signed-By: /etc/apt/keyrings/example.asc

            """, await File.ReadAllTextAsync(file));

        var withSources = source with { Types = new[] { "deb", "deb-src" }, Components = Array.Empty<string>() };
        var changed = await Connection.CallAsync(() => AptRepository.Present("example", withSources, rootPath));
        Assert.True(changed.Changed);
        Assert.StartsWith("Types: deb deb-src\n", await File.ReadAllTextAsync(file), StringComparison.Ordinal);
        Assert.DoesNotContain("Components", await File.ReadAllTextAsync(file), StringComparison.Ordinal);

        Assert.True((await Connection.CallAsync(() => AptRepository.Absent("example", rootPath))).Changed);
        Assert.False((await Connection.CallAsync(() => AptRepository.Absent("example", rootPath))).Changed);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task Keys_are_written_byte_for_byte_once_and_removed()
    {
        Directory.CreateDirectory(root["etc/apt"]);
        var rootPath = root.Path;
        var key = new byte[] { 0x99, 0x01, 0x0d, 0x04, 0, 255 };

        Assert.True((await Connection.CallAsync(() => AptRepository.Key("example.gpg", key, rootPath))).Changed);
        Assert.False((await Connection.CallAsync(() => AptRepository.Key("example.gpg", key, rootPath))).Changed);
        Assert.Equal(key, await File.ReadAllBytesAsync(root["etc/apt/keyrings/example.gpg"]));
        Assert.True((await Connection.CallAsync(() => AptRepository.KeyAbsent("example.gpg", rootPath))).Changed);
        Assert.False((await Connection.CallAsync(() => AptRepository.KeyAbsent("example.gpg", rootPath))).Changed);
    }

    [Fact]
    public async Task Names_and_values_that_could_escape_or_inject_are_refused()
    {
        Directory.CreateDirectory(root["etc/apt"]);
        var rootPath = root.Path;
        var good = new AptSource { Uris = new[] { "https://repo.example" }, Suites = new[] { "stable" } };

        foreach (var name in new[] { "../evil", "a/b", "..", "with space", "" })
            await Assert.ThrowsAsync<ArgumentException>(() => Connection.CallAsync(() => AptRepository.Present(name, good, rootPath)));
        foreach (var bad in new[] { good with { Suites = [] }, good with { Uris = ["https://a\nEnabled: no"] }, good with { SignedBy = "/k\nTrusted: yes" } })
            await Assert.ThrowsAsync<ArgumentException>(() => Connection.CallAsync(() => AptRepository.Present("x", bad, rootPath)));
        await Assert.ThrowsAsync<ArgumentException>(() => Connection.CallAsync(() => AptRepository.Key("../../etc/shadow", new byte[] { 1 }, rootPath)));

        Assert.Empty(Directory.GetFileSystemEntries(root["etc/apt"]));
    }

    [Fact]
    public async Task A_target_without_apt_is_refused_without_writing_anything()
    {
        var rootPath = root.Path;
        var source = new AptSource { Uris = new[] { "https://repo.example" }, Suites = new[] { "stable" } };

        await Assert.ThrowsAsync<PlatformNotSupportedException>(() => Connection.CallAsync(() => AptRepository.Present("x", source, rootPath)));

        Assert.Empty(Directory.GetFileSystemEntries(rootPath));
    }
}
