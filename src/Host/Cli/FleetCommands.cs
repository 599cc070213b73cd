using System.CommandLine;
using Rmote.Tools;

namespace Rmote.Cli;

/// <summary>
/// The fleet commands: <c>ping</c>, <c>facts</c>, <c>exec -- CMD…</c>, <c>copy SRC DEST</c>, and the built-in tools
/// <c>service</c>, <c>apt</c>, <c>user</c> — each over <c>-i/-l</c> or a bare host list (see <see cref="FleetArguments"/>).
/// </summary>
internal static class FleetCommands
{
    public static IEnumerable<Command> Create(string[] execCommand)
    {
        yield return WithHosts("ping", "Connect to each host and answer: proves the agent runs there.", _ =>
            new CliAction<string>("ping", (t, timeout, ct) => t.CallAsync(() => HostFactsTool.Ping(), timeout, ct),
                pong => new HostOutcome(false, pong, pong)));

        yield return WithHosts("facts", "Gather each host's OS, kernel, CPU, memory, disks and .NET.", _ =>
            new CliAction<HostFacts>("facts", (t, timeout, ct) => t.CallAsync(() => HostFactsTool.Gather(), timeout, ct),
                Describe));

        yield return WithHosts("exec", "Run a command on each host: rmote exec [HOSTS] -- CMD [ARGS…] (no shell; use sh -c '…' for one).", _ =>
        {
            if (execCommand.Length == 0) throw new ArgumentException("Give the command after '--': rmote exec -i hosts.yaml -- uptime");
            var argv = execCommand;
            return new CliAction<ExecResult>("exec", (t, timeout, ct) => t.CallAsync(() => Exec.Command(argv, false, null, null, null, true), timeout, ct),
                r => new HostOutcome(true, r.ExitCode == 0 ? (r.Stdout ?? "").TrimEnd() : $"exit {r.ExitCode}: {(string.IsNullOrWhiteSpace(r.Stderr) ? r.Stdout : r.Stderr)?.TrimEnd()}", r,
                    Failed: r.ExitCode != 0));
        });

        var source = new Argument<string>("source") { Description = "The local file or directory." };
        var destination = new Argument<string>("destination") { Description = "The path on each host (a trailing / means: into that directory)." };
        yield return Fleet(new Command("copy", "Copy a local file or directory to each host (a file's mode kept; unchanged files left alone; read once for the hosts copied to together).") { source, destination }, parse =>
        {
            var from = Path.GetFullPath(parse.GetValue(source)!);
            var directory = Directory.Exists(from);
            if (!directory && !File.Exists(from)) throw new ArgumentException($"No such local file or directory: {parse.GetValue(source)}");
            var progress = new CopyProgress();
            var options = new TransferOptions { Mode = directory || OperatingSystem.IsWindows() ? null : File.GetUnixFileMode(from), Progress = progress };
            var size = directory ? 0 : new FileInfo(from).Length;
            var to = parse.GetValue(destination)!;
            if (to.EndsWith('/')) to += Path.GetFileName(Path.TrimEndingDirectorySeparator(from));
            return new CliAction<TransferResult>("copy", (t, timeout, ct) => t.UploadAsync(from, to, options, timeout, ct),
                c => new HostOutcome(c.Changed, directory ? $"{c.Path}/ ({c.Bytes} bytes of tar)" : $"{c.Path} ({size} bytes){(c.Changed ? "" : " unchanged")}", c),
                progress.Describe);
        });

        var unit = new Argument<string>("name") { Description = "The systemd unit." };
        var verb = new Argument<string>("action") { Description = "status, start, stop, restart, reload, enable or disable." };
        verb.AcceptOnlyFromAmong("status", "start", "stop", "restart", "reload", "enable", "disable");
        yield return Fleet(new Command("service", "Query or change a systemd service on each host.") { unit, verb }, parse =>
        {
            var name = parse.GetValue(unit)!;
            Func<FleetCallTarget, TimeSpan, CancellationToken, Task<FleetResult<HostResult<ServiceState>>>> run = parse.GetValue(verb) switch
            {
                "start" => (t, timeout, ct) => t.CallAsync(() => Service.Start(name), timeout, ct),
                "stop" => (t, timeout, ct) => t.CallAsync(() => Service.Stop(name), timeout, ct),
                "restart" => (t, timeout, ct) => t.CallAsync(() => Service.Restart(name), timeout, ct),
                "reload" => (t, timeout, ct) => t.CallAsync(() => Service.Reload(name), timeout, ct),
                "enable" => (t, timeout, ct) => t.CallAsync(() => Service.Enable(name), timeout, ct),
                "disable" => (t, timeout, ct) => t.CallAsync(() => Service.Disable(name), timeout, ct),
                _ => (t, timeout, ct) => t.CallAsync(() => Service.Status(name), timeout, ct),
            };
            return new CliAction<ServiceState>("service", run, s =>
                new HostOutcome(s.Changed, $"{s.Name}: {(s.Started ? "active" : "inactive")}, {(s.Enabled ? "enabled" : "disabled")}", s));
        });

        var aptVerb = new Argument<string>("action") { Description = "install, remove, latest or update." };
        aptVerb.AcceptOnlyFromAmong("install", "remove", "latest", "update");
        var packages = new Argument<string[]>("packages") { Description = "Package names (name or name=version).", Arity = ArgumentArity.ZeroOrMore };
        yield return Fleet(new Command("apt", "Install, remove or upgrade Debian packages, or update the index, on each host.") { aptVerb, packages }, parse =>
        {
            var what = parse.GetValue(aptVerb)!;
            var names = parse.GetValue(packages) ?? [];
            if (what == "update")
                return (ICliRunnable)new CliAction<bool>("apt", (t, timeout, ct) => t.CallAsync(() => Apt.Update(null), timeout, ct),
                    ran => new HostOutcome(ran, ran ? "package index updated" : "package index fresh", ran));
            if (names.Length == 0) throw new ArgumentException($"apt {what}: name at least one package.");
            var state = what switch { "remove" => PackageState.Absent, "latest" => PackageState.Latest, _ => PackageState.Present };
            var specs = names.Select(n => PackageSpec.Parse(n, state)).ToArray();
            return new CliAction<PackageResult[]>("apt", (t, timeout, ct) => t.CallAsync(() => Apt.Converge(specs), timeout, ct), DescribePackages);
        });

        var userVerb = new Argument<string>("action") { Description = "present or absent." };
        userVerb.AcceptOnlyFromAmong("present", "absent");
        var userName = new Argument<string>("name") { Description = "The user name." };
        yield return Fleet(new Command("user", "Make sure a user exists (or does not) on each host.") { userVerb, userName }, parse =>
        {
            var name = parse.GetValue(userName)!;
            return parse.GetValue(userVerb) == "absent"
                ? (ICliRunnable)new CliAction<NamedChange>("user", (t, timeout, ct) => t.CallAsync(() => User.Absent(name, false), timeout, ct),
                    c => new HostOutcome(c.Changed, c.Changed ? $"{c.Name} removed" : $"{c.Name} absent", c))
                : new CliAction<UserInfo>("user", (t, timeout, ct) => t.CallAsync(() => User.Present(name, null), timeout, ct),
                    u => new HostOutcome(u.Changed, $"{u.Name} uid {u.Uid}, home {u.Home}", u));
        });
    }

    private static HostOutcome Describe(HostFacts f) => new(false,
        $"{f.OperatingSystem}, kernel {f.Kernel}, {f.Cpus}×{f.CpuModel ?? f.Architecture}, {Gib(f.MemoryAvailable)}/{Gib(f.MemoryTotal)} GiB free, "
        + $"{f.Disks.Count} disks, {f.Dotnet}", f);

    private static string Gib(long bytes) => (bytes / (1024.0 * 1024 * 1024)).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);

    private static HostOutcome DescribePackages(PackageResult[] results) =>
        new(results.Any(r => r.Changed), string.Join(", ", results.Select(r => r.Version.Length == 0 ? $"{r.Name} absent" : $"{r.Name} {r.Version}")), results);

    /// <summary>A command taking the fleet options and, before <c>--</c>, hosts as arguments.</summary>
    private static Command WithHosts(string name, string description, Func<ParseResult, ICliRunnable> action)
    {
        var hosts = new Argument<string[]>("hosts") { Description = "Hosts ('local', user@host …), or with -i patterns.", Arity = ArgumentArity.ZeroOrMore };
        return Fleet(new Command(name, description) { hosts }, action, hosts);
    }

    /// <summary>Adds the fleet options and the action that builds a <see cref="CliAction{T}"/> and runs it.</summary>
    private static Command Fleet(Command command, Func<ParseResult, ICliRunnable> action, Argument<string[]>? hosts = null)
    {
        var arguments = new FleetArguments();
        arguments.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            ICliRunnable built;
            try
            {
                built = action(parse);
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine($"rmote: {e.Message}");
                return FleetRunner.UsageError;
            }
            return await built.RunAsync(arguments.Read(parse, hosts is null ? null : parse.GetValue(hosts)), ct);
        });
        return command;
    }
}
