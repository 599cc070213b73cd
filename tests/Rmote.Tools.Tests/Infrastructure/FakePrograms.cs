namespace Rmote.Tools.Tests.Infrastructure;

/// <summary>
/// Recording fakes of programs that cannot run here (systemctl without systemd as PID 1, pacman on Debian) or must not
/// (apt-get for logic tests): shell scripts in a private bin directory that append their command line to a log and
/// keep their state in files. <see cref="InstallAsync"/> puts the directory first on one agent's PATH.
/// </summary>
public sealed class FakePrograms : IDisposable
{
    private readonly TempDirectory root = new();

    public FakePrograms()
    {
        Directory.CreateDirectory(Bin);
        Directory.CreateDirectory(State);
    }

    public string Bin => root["bin"];

    public string State => root["state"];

    public string LogPath => root["calls.log"];

    /// <summary>The command lines run so far, in order.</summary>
    public IReadOnlyList<string> Calls => File.Exists(LogPath) ? File.ReadAllLines(LogPath) : [];

    public void ClearCalls() => File.Delete(LogPath);

    /// <summary>Adds a fake: <paramref name="body"/> runs after the call was logged, with <c>$STATE</c> set.</summary>
    public void Add(string name, string body)
    {
        var path = Path.Join(Bin, name);
        File.WriteAllText(path, $"""
            #!/bin/sh
            STATE='{State}'
            printf '%s\n' "{name} $*" >> '{LogPath}'
            {body}
            """);
        File.SetUnixFileMode(path, (UnixFileMode)0x1ED);
    }

    /// <summary>Puts <see cref="Bin"/> first on the PATH of the agent behind <paramref name="connection"/>.</summary>
    public async Task InstallAsync(RmoteConnection connection)
    {
        var path = await connection.CallAsync(() => AgentEnvironment.Get("PATH"));
        var bin = Bin;
        var newPath = $"{bin}:{path}";
        await connection.CallAsync(() => AgentEnvironment.Set("PATH", newPath));
    }

    public void Dispose() => root.Dispose();
}
