using System.Diagnostics;

namespace Rmote.Packaging.Tests;

/// <summary>
/// <c>dotnet pack</c> the libraries into a folder, then build and run a fresh console project outside the solution that
/// gets Rmote.Host from that folder only (NuGet source mapping; everything else from the machine's NuGet source, into
/// a package folder of its own so no cached copy of ours can stand in) and calls a local agent — a built-in tool and a
/// tool of its own.
/// </summary>
public sealed class PackageInstallTests : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("rmote-pack-").FullName;

    [Fact]
    public async Task A_console_project_using_the_Rmote_Host_package_runs_calls_on_a_local_agent()
    {
        var root = RepositoryRoot();
        var feed = Path.Combine(work, "feed");
        // Project by project: packing the solution would build the test projects too, under the tests running now. The
        // builds are incremental (the solution build made everything), so nothing another test uses is rewritten.
        foreach (var project in new[] { "src/Protocol", "src/Actors", "src/Host" })
        {
            var (packed, log) = await DotnetAsync(root, TimeSpan.FromMinutes(8), "pack", project, "-c", "Release", "-o", feed);
            Assert.True(packed == 0, log);
        }
        Assert.Equal(["Rmote.Actors.0.1.0.nupkg", "Rmote.Host.0.1.0.nupkg", "Rmote.Protocol.0.1.0.nupkg"],
            Directory.GetFiles(feed).Select(Path.GetFileName).Order());

        var app = Directory.CreateDirectory(Path.Combine(work, "app")).FullName;
        await File.WriteAllTextAsync(Path.Combine(app, "nuget.config"), $"""
            <configuration>
              <packageSources>
                <add key="rmote-local" value="{feed}" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="rmote-local"><package pattern="Rmote.*" /></packageSource>
                <packageSource key="nuget.org"><package pattern="*" /></packageSource>
              </packageSourceMapping>
            </configuration>
            """);
        await File.WriteAllTextAsync(Path.Combine(app, "app.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Rmote.Host" Version="0.1.0" />
              </ItemGroup>
            </Project>
            """);
        await File.WriteAllTextAsync(Path.Combine(app, "Program.cs"), """
            using Rmote;
            using Rmote.Tools;

            await using var connection = await RmoteConnection.StartLocalAsync();
            Console.WriteLine(await connection.CallAsync(() => Greeting.Hello("package")));
            Console.WriteLine((await connection.CallAsync(() => Exec.Command(new[] { "echo", "built-in" }, true, null, null, null, true))).Stdout!.Trim());

            [Tool]
            public static class Greeting
            {
                public static string Hello(string name) => $"hello {name} from pid {Environment.ProcessId}";
            }
            """);
        var packages = Path.Combine(work, "packages");
        var (code, output) = await DotnetAsync(app, TimeSpan.FromMinutes(8), "run", "-c", "Release", packages);
        Assert.True(code == 0, output);
        Assert.Matches(@"hello package from pid \d+", output);
        Assert.Contains("built-in", output);
        Assert.True(File.Exists(Path.Combine(app, "bin", "Release", "net10.0", "agent", "Rmote.Agent.dll")), "the agent bundle is in the app's output");
        Assert.True(Directory.Exists(Path.Combine(packages, "rmote.host", "0.1.0")), "Rmote.Host came from the local feed into the app's own package folder");
    }

    [Fact]
    public async Task The_rmote_tool_installs_from_a_folder_and_pings_a_local_agent()
    {
        var feed = Path.Combine(work, "tool-feed");
        var (code, output) = await DotnetAsync(RepositoryRoot(), TimeSpan.FromMinutes(8), "pack", "src/Host", "-c", "Release", "-p:RmotePackTool=true", "-o", feed);
        Assert.True(code == 0, output);
        var tools = Path.Combine(work, "tools");
        (code, output) = await DotnetAsync(work, TimeSpan.FromMinutes(5), "tool", "install", "--tool-path", tools, "--add-source", feed, "rmote",
            Path.Combine(work, "tool-packages"));
        Assert.True(code == 0, output);

        var start = new ProcessStartInfo(Path.Combine(tools, "rmote")) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "ping", "local" }) start.ArgumentList.Add(arg);
        using var rmote = Process.Start(start)!;
        var stdout = rmote.StandardOutput.ReadToEndAsync();
        var stderr = rmote.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await rmote.WaitForExitAsync(limit.Token);
        Assert.True(rmote.ExitCode == 0, await stdout + await stderr);
        Assert.Matches(@"^local\s+ok\s+\d+ ms  pong from ", await stdout);
        Assert.Contains("ok=1 changed=0 failed=0 unreachable=0", await stdout);
    }

    public void Dispose() => Directory.Delete(work, recursive: true);

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Rmote.Actors.sln"))) return dir.FullName;
        throw new InvalidOperationException("Rmote.Actors.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Runs dotnet; the last argument of <c>run</c> and <c>tool</c> is the package folder (NUGET_PACKAGES) for that run.</summary>
    private static async Task<(int Code, string Output)> DotnetAsync(string directory, TimeSpan limit, params string[] args)
    {
        var packages = args[0] is "run" or "tool" ? args[^1] : null;
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in packages is null ? args : args[..^1]) start.ArgumentList.Add(arg);
        if (packages is not null) start.Environment["NUGET_PACKAGES"] = packages;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"dotnet {string.Join(' ', args)} did not finish within {limit}:\n{await stdout}\n{await stderr}");
        }
        return (process.ExitCode, await stdout + await stderr);
    }
}
