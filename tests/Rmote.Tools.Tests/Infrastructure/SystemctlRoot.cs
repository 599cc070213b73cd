namespace Rmote.Tools.Tests.Infrastructure;

/// <summary>
/// A local agent whose <c>systemctl</c> is the real one (systemd 252 on Debian 12) working on a unit tree in a temp
/// directory (<c>systemctl --root</c>): unit file states and what <c>enable</c>/<c>disable</c> do to the symlinks are
/// systemd's own. systemd is not PID 1 here and <c>is-active</c> cannot be used with <c>--root</c>, so every unit is
/// inactive and start/stop are refused (these tests are about enable/disable).
/// </summary>
public sealed class SystemctlRoot : IAsyncLifetime
{
    private readonly TempDirectory root = new();

    public FakePrograms Programs { get; } = new();

    public RmoteConnection Connection { get; private set; } = null!;

    /// <summary>The unit tree, the target's <c>/</c> for systemctl.</summary>
    public string Root => root.Path;

    /// <summary>The units' vendor directory (<c>/usr/lib/systemd/system</c> under <see cref="Root"/>).</summary>
    public string VendorUnits => root["usr/lib/systemd/system"];

    /// <summary>Writes a service unit; <paramref name="install"/> is its <c>[Install]</c> section's lines, or none.</summary>
    public void AddUnit(string name, string? install, string directory = "usr/lib/systemd/system") =>
        root.Write(
            Path.Join(directory, name),
            "[Unit]\nDescription=rmote test unit\n[Service]\nExecStart=/bin/true\n" + (install is null ? "" : $"[Install]\n{install}\n"));

    /// <summary>Runs the real systemctl on the tree (to prepare a state: mask, link, enable).</summary>
    public void Run(params string[] arguments)
    {
        using var process = System.Diagnostics.Process.Start(RealSystemctl, ["--root=" + Root, .. arguments]);
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }

    /// <summary>Every path under <see cref="Root"/> with its link target, to show that nothing changed.</summary>
    public string[] Tree() =>
    [
        .. Directory.EnumerateFileSystemEntries(Root, "*", SearchOption.AllDirectories)
            .Select(path => $"{Path.GetRelativePath(Root, path)} -> {new FileInfo(path).LinkTarget}")
            .Order(StringComparer.Ordinal),
    ];

    public async Task InitializeAsync()
    {
        foreach (var directory in new[] { "etc/systemd/system", "usr/lib/systemd/system", "run/systemd/system", "run/systemd/generator", "run/systemd/transient", "opt" })
        {
            Directory.CreateDirectory(root[directory]);
        }

        Programs.Add("systemctl", $$"""
            case "$1" in
              is-enabled|enable|disable) exec '{{RealSystemctl}}' --root='{{Root}}' "$@" ;;
              is-active) exit 3 ;;
              *) echo "systemctl wrapper: $1 needs a running systemd" >&2; exit 2 ;;
            esac
            """);
        Connection = await RmoteConnection.StartLocalAsync();
        await Programs.InstallAsync(Connection);
    }

    public async Task DisposeAsync()
    {
        await Connection.DisposeAsync();
        Programs.Dispose();
        root.Dispose();
    }

    // CI installs Debian's systemd package (.ci/run); without it these tests fail rather than skip.
    private static string RealSystemctl =>
        new[] { "/usr/bin/systemctl", "/bin/systemctl" }.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("systemctl is not installed (Debian package systemd).");
}
