using Rmote.Tools.Tests.Infrastructure;

namespace Rmote.Tools.Tests;

public sealed class PacmanRepositoryTests(LocalAgent agent) : IClassFixture<LocalAgent>, IDisposable
{
    private const string StockConfig = """
        [options]
        HoldPkg = pacman glibc
        Architecture = auto

        #[core-testing]
        #Include = /etc/pacman.d/mirrorlist

        [core]
        Include = /etc/pacman.d/mirrorlist

        #[extra-testing]
        #Include = /etc/pacman.d/mirrorlist

        [extra]
        Include = /etc/pacman.d/mirrorlist

        """;

    private readonly TempDirectory root = new();

    private RmoteConnection Connection => agent.Connection;

    public void Dispose() => root.Dispose();

    [Fact]
    public async Task Present_appends_a_section_once_and_Absent_restores_the_file_byte_for_byte()
    {
        var config = root.Write("etc/pacman.conf", StockConfig);
        var rootPath = root.Path;
        var servers = new[] { "https://repo.example/$repo/os/$arch" };

        var added = await Connection.CallAsync(() => PacmanRepository.Present("example", servers, "Required DatabaseOptional", rootPath));
        var before = FileIdentity.Of(config);
        var again = await Connection.CallAsync(() => PacmanRepository.Present("example", servers, "Required DatabaseOptional", rootPath));

        Assert.Equal((true, false), (added.Changed, again.Changed));
        Assert.Equal(before, FileIdentity.Of(config));
        Assert.Equal(StockConfig + "\n[example]\nSigLevel = Required DatabaseOptional\nServer = https://repo.example/$repo/os/$arch\n", await File.ReadAllTextAsync(config));

        Assert.True((await Connection.CallAsync(() => PacmanRepository.Absent("example", rootPath))).Changed);
        Assert.False((await Connection.CallAsync(() => PacmanRepository.Absent("example", rootPath))).Changed);
        Assert.Equal(StockConfig, await File.ReadAllTextAsync(config));
    }

    [Fact]
    public async Task An_existing_section_is_rewritten_in_place_keeping_the_commented_repositories_around_it()
    {
        var config = root.Write("etc/pacman.conf", StockConfig);
        var rootPath = root.Path;
        var mirrors = new[] { "https://a.example/$repo", "https://b.example/$repo" };

        var changed = await Connection.CallAsync(() => PacmanRepository.Present("core", mirrors, "", rootPath));
        var again = await Connection.CallAsync(() => PacmanRepository.Present("core", mirrors, "", rootPath));

        Assert.Equal((true, false), (changed.Changed, again.Changed));
        Assert.Equal(StockConfig.Replace("[core]\nInclude = /etc/pacman.d/mirrorlist\n", "[core]\nServer = https://a.example/$repo\nServer = https://b.example/$repo\n", StringComparison.Ordinal),
            await File.ReadAllTextAsync(config));
        Assert.True((await Connection.CallAsync(() => PacmanRepository.Absent("core", rootPath))).Changed);
        Assert.Contains("#[extra-testing]", await File.ReadAllTextAsync(config), StringComparison.Ordinal);
        Assert.DoesNotContain("[core]", await File.ReadAllTextAsync(config), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_names_and_a_missing_pacman_conf()
    {
        var rootPath = root.Path;
        var servers = new[] { "https://repo.example" };
        await Assert.ThrowsAsync<PlatformNotSupportedException>(() => Connection.CallAsync(() => PacmanRepository.Present("x", servers, "", rootPath)));
        root.Write("etc/pacman.conf", StockConfig);

        Assert.True((await Connection.CallAsync(() => PacmanRepository.Key("example.gpg", new byte[] { 1, 2 }, rootPath))).Changed);
        Assert.False((await Connection.CallAsync(() => PacmanRepository.Key("example.gpg", new byte[] { 1, 2 }, rootPath))).Changed);
        Assert.Equal(new byte[] { 1, 2 }, await File.ReadAllBytesAsync(root["etc/pacman.d/example.gpg"]));
        foreach (var name in new[] { "../x", "a]b", "[x", "a b" })
            await Assert.ThrowsAsync<ArgumentException>(() => Connection.CallAsync(() => PacmanRepository.Present(name, servers, "", rootPath)));
        await Assert.ThrowsAsync<ArgumentException>(() => Connection.CallAsync(() => PacmanRepository.Present("x", Array.Empty<string>(), "", rootPath)));
        await Assert.ThrowsAsync<ArgumentException>(() => Connection.CallAsync(() => PacmanRepository.Present("x", new[] { "https://a\n[options]" }, "", rootPath)));
        Assert.Equal(StockConfig, await File.ReadAllTextAsync(root["etc/pacman.conf"]));
    }

    [Theory]
    [InlineData("options")]
    [InlineData("Options")]
    [InlineData("OPTIONS")]
    public async Task The_global_options_section_is_not_a_repository_and_is_never_touched(string name)
    {
        var config = root.Write("etc/pacman.conf", StockConfig);
        var rootPath = root.Path;
        var before = FileIdentity.Of(config);

        var present = await Assert.ThrowsAsync<ArgumentException>(() => Connection.CallAsync(() => PacmanRepository.Present(name, new[] { "https://x.example/" }, "", rootPath)));
        var absent = await Assert.ThrowsAsync<ArgumentException>(() => Connection.CallAsync(() => PacmanRepository.Absent(name, rootPath)));

        Assert.Contains("global section", present.Message, StringComparison.Ordinal);
        Assert.Equal(present.Message, absent.Message);
        Assert.Equal(StockConfig, await File.ReadAllTextAsync(config));
        Assert.Equal(before, FileIdentity.Of(config));
    }

    [Fact]
    public async Task A_pacman_conf_that_is_not_UTF8_is_refused_and_left_byte_for_byte()
    {
        byte[] latin1 = [.. "# Paquets pour l'"u8, 0xE9, .. "quipe\n"u8, .. System.Text.Encoding.UTF8.GetBytes(StockConfig)];
        var config = Path.Join(root.Path, "etc", "pacman.conf");
        Directory.CreateDirectory(Path.GetDirectoryName(config)!);
        await File.WriteAllBytesAsync(config, latin1);
        var rootPath = root.Path;

        var failure = await Assert.ThrowsAsync<InvalidDataException>(() => Connection.CallAsync(() => PacmanRepository.Present("example", new[] { "https://x.example/" }, "", rootPath)));

        Assert.Contains("line 1, column 18", failure.Message, StringComparison.Ordinal);
        Assert.Equal(latin1, await File.ReadAllBytesAsync(config));
    }
}
