using System.Formats.Tar;
using System.Text;
using Microsoft.Extensions.Logging;
using Rmote.Tools.Tests.Infrastructure;

namespace Rmote.Tools.Tests.Docs;

/// <summary>
/// The examples of docs/tools.md, run against real agents (the regions are compared with the docs by
/// Rmote.Integration.Tests' DocSnippetTests). Users and apt have their examples in <see cref="UserTests"/> and
/// <see cref="AptTests"/>, next to the other tests touching the same system state.
/// </summary>
public sealed class ToolsDocTests(LocalAgent agent) : IClassFixture<LocalAgent>, IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Calling_a_built_in_tool()
    {
        var path = temp["app.conf"];
        #region snippet:tools-call
        await using var connection = await RmoteConnection.StartLocalAsync();

        FileChange first = await connection.CallAsync(() => FileSystem.WriteText(path, "port = 8080\n"));
        FileChange second = await connection.CallAsync(() => FileSystem.WriteText(path, "port = 8080\n"));

        Assert.True(first.Changed);
        Assert.False(second.Changed);   // same content: the file was not touched
        #endregion
    }

    [Fact]
    public async Task FileSystem_example()
    {
        var connection = agent.Connection;
        var directory = temp.Path;
        #region snippet:tools-filesystem
        var config = Path.Join(directory, "app.conf");
        const UnixFileMode Mode640 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;

        await connection.CallAsync(() => FileSystem.MakeDirectory(Path.Join(directory, "conf.d"), null, null, null));
        await connection.CallAsync(() => FileSystem.WriteText(config, "listen = 80\n", Mode640, "root", "root"));

        FileStatus status = await connection.CallAsync(() => FileSystem.Stat(config, false));
        string[] configs = await connection.CallAsync(() => FileSystem.Glob(directory, "**/*.conf"));
        string text = await connection.CallAsync(() => FileSystem.ReadText(config));
        string sha256 = await connection.CallAsync(() => FileSystem.Checksum(config));

        Assert.Equal((FileType.RegularFile, Mode640, "root"), (status.Type, status.Mode, status.Owner));
        Assert.Equal([config], configs);
        Assert.Equal("listen = 80\n", text);
        Assert.Equal(64, sha256.Length);
        #endregion
    }

    [Fact]
    public async Task LineInFile_example()
    {
        var connection = agent.Connection;
        var path = temp.Write("sshd_config", "Port 22\n#PermitRootLogin yes\n");
        #region snippet:tools-lineinfile
        string diff = await connection.CallAsync(() => FileSystem.LineInFile(path, "PermitRootLogin no", "^#?PermitRootLogin ", true, false, LineMatch.First));

        Assert.Equal($"""
            --- {path}
            +++ {path}
            @@ -1,2 +1,2 @@
             Port 22
            -#PermitRootLogin yes
            +PermitRootLogin no

            """, diff);
        Assert.Equal("", await connection.CallAsync(() => FileSystem.LineInFile(path, "PermitRootLogin no", "^#?PermitRootLogin ", true, false, LineMatch.First)));
        #endregion
    }

    [Fact]
    public async Task ExtractArchive_example()
    {
        var connection = agent.Connection;
        var archive = temp["release.tar.gz"];
        var destination = temp["release"];
        using (var file = File.Create(archive))
        using (var gzip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.Fastest))
        using (var tar = new TarWriter(gzip))
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "bin/app") { DataStream = new MemoryStream("#!/bin/sh\n"u8.ToArray()) });
            tar.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "etc") { LinkName = "/etc" });
        }

        #region snippet:tools-archive
        ArchiveExtraction result = await connection.CallAsync(() => FileSystem.ExtractArchive(archive, destination));

        Assert.Equal(["bin/app"], result.Extracted);
        Assert.Equal(["etc"], result.Skipped);   // links are never created
        #endregion
    }

    [Fact]
    public async Task Exec_example()
    {
        var connection = agent.Connection;
        #region snippet:tools-exec
        ExecResult uname = await connection.CallAsync(() => Exec.Command(new[] { "uname", "-s" }));
        ExecResult piped = await connection.CallAsync(() => Exec.Shell("printf 'b\\na\\n' | sort"));

        Assert.Equal(("Linux\n", 0), (uname.Stdout, uname.ExitCode));
        Assert.Equal("a\nb\n", piped.Stdout);

        var failure = await Assert.ThrowsAsync<RemoteProcessException>(() => connection.CallAsync(() => Exec.Shell("echo 'no such thing' >&2; exit 2")));
        Assert.Equal("Command 'echo 'no such thing' >&2; exit 2' exited with code 2: no such thing", failure.Message);
        #endregion
    }

    [Fact]
    public async Task Logger_example()
    {
        using var logs = new LogCollector();
        ILoggerFactory loggerFactory = logs.CreateFactory();
        #region snippet:tools-logger
        await using var connection = await RmoteConnection.StartLocalAsync(new RmoteOptions { LoggerFactory = loggerFactory });

        LogLevel previous = await connection.CallAsync(() => Logger.SetLevel(LogLevel.Information));   // no more Debug/Trace traffic
        await connection.CallAsync(() => Logger.Log(LogLevel.Warning, "deploy started"));

        Assert.Equal(LogLevel.Trace, previous);
        #endregion
        var record = await logs.WaitForAsync(r => r.Message == "deploy started");
        Assert.Equal(("Rmote.Remote.Rmote.Tools.Logger", LogLevel.Warning), (record.Category, record.Level));
    }

    [Fact]
    public async Task Templates_example()
    {
        var connection = agent.Connection;
        var path = temp["nginx.conf"];
        #region snippet:tools-templates
        var template = new Template("server_name ${Host};\n% for port in Ports\nlisten ${port};\n% endfor\n\n");
        var model = new { Host = "example.org", Ports = new[] { 80, 443 } };

        string text = await connection.CallAsync(() => Templates.Render(template, model));
        FileDiff written = await connection.CallAsync(() => Templates.RenderToFile(template, model, path, null));
        FileDiff again = await connection.CallAsync(() => Templates.RenderToFile(template, model, path, null));

        Assert.Equal("server_name example.org;\nlisten 80;\nlisten 443;\n", text);
        Assert.True(written.Changed);
        Assert.StartsWith($"--- {path}\n+++ {path}\n@@ -0,0 +1,3 @@\n+server_name example.org;\n", written.Diff, StringComparison.Ordinal);
        Assert.Equal(new FileDiff(path, false, ""), again);
        #endregion
    }

    [Fact]
    public async Task Quit_example()
    {
        #region snippet:tools-quit
        await using var connection = await RmoteConnection.StartLocalAsync();

        await connection.CallAsync(() => Quit.Exit(0));   // returns; then the agent exits

        await Assert.ThrowsAsync<ConnectionLostException>(() => connection.CallAsync(() => FileSystem.Exists("/")));
        #endregion
    }

    [Fact]
    public async Task Service_example()
    {
        var systemctl = new FakeSystemctl();
        await systemctl.InitializeAsync();
        try
        {
            var connection = systemctl.Connection;
            #region snippet:tools-service
            ServiceState state = await connection.CallAsync(() => Service.Converge("nginx.service", true, true));
            ServiceState again = await connection.CallAsync(() => Service.Converge("nginx.service", true, true));

            Assert.Equal(new ServiceState("nginx.service", Started: true, Enabled: true, Changed: true, UnitFileState: "enabled"), state);
            Assert.False(again.Changed);
            #endregion
            Assert.Equal(["systemctl enable nginx.service", "systemctl start nginx.service"], systemctl.Calls.Where(c => !c.Contains(" is-", StringComparison.Ordinal)));
        }
        finally
        {
            await systemctl.DisposeAsync();
        }
    }

    [Fact]
    public async Task AptRepository_example()
    {
        var connection = agent.Connection;
        var root = temp.Path;
        Directory.CreateDirectory(temp["etc/apt"]);
        var keyBytes = Encoding.ASCII.GetBytes("-----BEGIN PGP PUBLIC KEY BLOCK-----\n...\n");
        #region snippet:tools-aptrepository
        var source = new AptSource
        {
            Uris = ["https://download.example.com/debian"],
            Suites = ["bookworm"],
            Components = ["stable"],
            SignedBy = "/etc/apt/keyrings/example.asc",
        };

        await connection.CallAsync(() => AptRepository.Key("example.asc", keyBytes, root));
        NamedChange added = await connection.CallAsync(() => AptRepository.Present("example", source, root));

        Assert.True(added.Changed);
        Assert.Equal("""
            Types: deb
            URIs: https://download.example.com/debian
            Suites: bookworm
            Components: stable
            Signed-By: /etc/apt/keyrings/example.asc

            """, File.ReadAllText(Path.Join(root, "etc/apt/sources.list.d/example.sources")));
        #endregion
    }

    [Fact]
    public async Task Pacman_example()
    {
        var pacman = new FakePacman();
        await pacman.InitializeAsync();
        try
        {
            pacman.Offer("nginx", "1.26.1-1");
            pacman.Offer("vim", "9.1.0-1");
            pacman.Install("vim", "9.1.0-1");
            var connection = pacman.Connection;
            #region snippet:tools-pacman
            await connection.CallAsync(() => Pacman.Update(TimeSpan.FromHours(1)));
            PackageResult[] results = await connection.CallAsync(() => Pacman.Converge(new PackageSpec("nginx", PackageState.Latest), new PackageSpec("vim", PackageState.Absent)));

            Assert.Equal([new PackageResult("nginx", "1.26.1-1", true), new PackageResult("vim", "", true)], results);
            #endregion
        }
        finally
        {
            await pacman.DisposeAsync();
        }
    }

    [Fact]
    public async Task PacmanRepository_example()
    {
        var connection = agent.Connection;
        var root = temp.Path;
        temp.Write("etc/pacman.conf", "[options]\nArchitecture = auto\n\n[core]\nInclude = /etc/pacman.d/mirrorlist\n");
        #region snippet:tools-pacmanrepository
        var servers = new[] { "https://repo.example.org/$repo/os/$arch" };

        NamedChange added = await connection.CallAsync(() => PacmanRepository.Present("example", servers, "Required DatabaseOptional", root));

        Assert.True(added.Changed);
        Assert.EndsWith("""
            [core]
            Include = /etc/pacman.d/mirrorlist

            [example]
            SigLevel = Required DatabaseOptional
            Server = https://repo.example.org/$repo/os/$arch

            """, File.ReadAllText(Path.Join(root, "etc/pacman.conf")), StringComparison.Ordinal);
        #endregion
    }
}
