using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Rmote.Bootstrap;
using Rmote.Transports.OpenSsh;
using Rmote.Transports.SshNet;

namespace Rmote.Transports;

/// <summary>
/// The ways to get a running agent whose stdin/stdout carry the protocol. Each returns an <see cref="AgentTransport"/>
/// positioned right before the agent's <c>PROTOCOL READY</c> line — the handshake is the caller's next step, within
/// what is left of <see cref="RmoteOptions.ConnectTimeout"/> (see <see cref="AgentTransport.ConnectDeadline"/>).
/// Failures are <see cref="RmoteConnectException"/>s (or <see cref="OperationCanceledException"/> when the caller
/// cancels), and a failed start never leaves a process behind.
/// </summary>
internal static class AgentTransports
{
    /// <summary>Logger category for transport and bootstrap progress.</summary>
    public const string LoggerCategory = "Rmote.Transport";

    /// <summary>
    /// Runtime settings every agent starts with that only the environment can carry (runtimeconfig.json cannot): a
    /// 1 MiB gen0 budget instead of one sized by the CPU's cache (tens of MiB here), so an agent that has served
    /// 10 000 calls stays near its idle resident size (cold suite: 51.7 → 44.2 MB; start-up CPU unchanged). Local
    /// agents get them in their process environment, bootstrapped ones (ssh, command) as exports in the stage-1 script.
    /// </summary>
    public static IReadOnlyDictionary<string, string> AgentEnvironment { get; } =
        new Dictionary<string, string> { ["DOTNET_GCgen0size"] = "0x100000" };

    /// <summary>Runs the shipped agent as a child process under this process's <c>dotnet</c>: no shell, no bootstrap.</summary>
    public static AgentTransport StartLocal(RmoteOptions options)
    {
        var bundle = options.AgentBundle ?? AgentBundle.Default;
        var link = ProcessAgentTransport.Start([DotnetMuxer.Path, bundle.EntryPath], "local", CreateLogger(options), AgentEnvironment);
        link.ConnectDeadline = DateTimeOffset.UtcNow + options.ConnectTimeout;
        return link;
    }

    /// <summary>
    /// Starts <paramref name="command"/> (argv, no shell on our side; it must give a POSIX shell on stdin/stdout, e.g.
    /// <c>["sh"]</c>, <c>["sudo","-n","-u","deploy","sh"]</c>, <c>["docker","exec","-i","c","sh"]</c>) and bootstraps
    /// the agent through it with <see cref="RmoteOptions.Dotnet"/>.
    /// </summary>
    public static async Task<AgentTransport> StartCommandAsync(IReadOnlyList<string> command, RmoteOptions options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Count == 0 || string.IsNullOrEmpty(command[0]))
            throw new ArgumentException("The command must name a program that starts a POSIX shell, e.g. [\"sh\"].", nameof(command));
        using var scope = new ConnectScope(options.ConnectTimeout, cancellationToken);
        var logger = CreateLogger(options);
        return await BootstrapAsync(() => Task.FromResult<AgentTransport>(ProcessAgentTransport.Start(command, ShellQuote.Join(command), logger)), options.Dotnet,
            options, logger, onShellReached: null, scope).ConfigureAwait(false);
    }

    /// <summary>
    /// Connects over SSH with the implementation <see cref="SshOptions.Implementation"/> selects (OpenSSH when an
    /// <c>ssh</c> program is on PATH, else SSH.NET) and bootstraps the agent with <see cref="SshOptions.Dotnet"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The destination starts with '-' or contains whitespace/control characters.</exception>
    public static async Task<AgentTransport> ConnectSshAsync(string destination, SshOptions ssh, RmoteOptions options,
        CancellationToken cancellationToken)
    {
        SshCommandLine.ValidateDestination(destination);
        var logger = CreateLogger(options);
        using var scope = new ConnectScope(options.ConnectTimeout, cancellationToken);
        return Resolve(ssh.Implementation) == SshImplementation.SshNet
            ? await SshNetConnector.ConnectAsync(destination, ssh, options, logger, scope).ConfigureAwait(false)
            : await OpenSshConnector.ConnectAsync(destination, ssh, options, logger, scope).ConfigureAwait(false);
    }

    /// <summary><see cref="SshImplementation.Auto"/> resolved: OpenSSH when <c>ssh</c> is on PATH, else SSH.NET.</summary>
    public static SshImplementation Resolve(SshImplementation implementation) =>
        implementation != SshImplementation.Auto ? implementation
        : OpenSshOnPath.Value ? SshImplementation.OpenSsh : SshImplementation.SshNet;

    private static readonly Lazy<bool> OpenSshOnPath = new(() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Any(directory => File.Exists(Path.Combine(directory, SshCommandLine.Program))));

    /// <summary>
    /// Starts a transport that gives a POSIX shell (<paramref name="start"/>) and runs the stage-1 bootstrap through it
    /// within <paramref name="scope"/>; the transport is killed on timeout or cancellation and disposed on failure.
    /// <paramref name="onShellReached"/> runs once the shell answered (so e.g. ssh authentication is over).
    /// </summary>
    public static async Task<AgentTransport> BootstrapAsync(Func<Task<AgentTransport>> start, string dotnet,
        RmoteOptions options, ILogger logger, Action? onShellReached, ConnectScope scope)
    {
        var bundle = options.AgentBundle ?? AgentBundle.Default;
        var link = await start().ConfigureAwait(false);
        try
        {
            // Killing the process on timeout/cancel ends every pending read and write at once.
            await using (scope.Token.Register(link.Kill).ConfigureAwait(false))
            {
                await Bootstrapper.RunAsync(link, bundle, dotnet, options.AgentCacheDirectory, logger, onShellReached,
                    scope.Token).ConfigureAwait(false);
            }
            link.ConnectDeadline = DateTimeOffset.UtcNow + scope.Remaining;
            return link;
        }
        catch (Exception e)
        {
            var stderr = link.StandardErrorTail;
            await link.DisposeAsync().ConfigureAwait(false);
            var surfaced = scope.Translate(e, link.Target, stderr);
            if (ReferenceEquals(surfaced, e)) throw;
            throw surfaced;
        }
    }

    /// <summary>The transport's logger for <paramref name="options"/>.</summary>
    internal static ILogger CreateLogger(RmoteOptions options) =>
        options.LoggerFactory?.CreateLogger(LoggerCategory) ?? NullLogger.Instance;
}
