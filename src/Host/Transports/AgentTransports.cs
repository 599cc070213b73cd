using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Rmote.Bootstrap;

namespace Rmote.Transports;

/// <summary>
/// The three ways to get a running agent whose stdin/stdout carry the protocol. Each returns an <see cref="AgentLink"/>
/// positioned right before the agent's <c>PROTOCOL READY</c> line — the handshake is the caller's next step, within
/// what is left of <see cref="RmoteOptions.ConnectTimeout"/> (see <see cref="AgentLink.ConnectDeadline"/>).
/// Failures are <see cref="RmoteConnectException"/>s (or <see cref="OperationCanceledException"/> when the caller
/// cancels), and a failed start never leaves a process behind.
/// </summary>
internal static class AgentTransports
{
    /// <summary>Logger category for transport and bootstrap progress.</summary>
    public const string LoggerCategory = "Rmote.Transport";

    /// <summary>
    /// Runtime settings a local agent starts with that only the environment can carry (runtimeconfig.json cannot):
    /// a 1 MiB gen0 budget instead of one sized by the CPU's cache (tens of MiB here), so an agent that has served
    /// 10 000 calls stays near its idle resident size (cold suite: 51.7 → 44.2 MB; start-up CPU unchanged).
    /// </summary>
    public static IReadOnlyDictionary<string, string> LocalAgentEnvironment { get; } =
        new Dictionary<string, string> { ["DOTNET_GCgen0size"] = "0x100000" };

    /// <summary>Runs the shipped agent as a child process under this process's <c>dotnet</c>: no shell, no bootstrap.</summary>
    public static AgentLink StartLocal(RmoteOptions options)
    {
        var bundle = options.AgentBundle ?? AgentBundle.Default;
        var link = AgentLink.Start([DotnetMuxer.Path, bundle.EntryPath], "local", CreateLogger(options), LocalAgentEnvironment);
        link.ConnectDeadline = DateTimeOffset.UtcNow + options.ConnectTimeout;
        return link;
    }

    /// <summary>
    /// Starts <paramref name="command"/> (argv, no shell on our side; it must give a POSIX shell on stdin/stdout, e.g.
    /// <c>["sh"]</c>, <c>["sudo","-n","-u","deploy","sh"]</c>, <c>["docker","exec","-i","c","sh"]</c>) and bootstraps
    /// the agent through it with <see cref="RmoteOptions.Dotnet"/>.
    /// </summary>
    public static async Task<AgentLink> StartCommandAsync(IReadOnlyList<string> command, RmoteOptions options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Count == 0 || string.IsNullOrEmpty(command[0]))
            throw new ArgumentException("The command must name a program that starts a POSIX shell, e.g. [\"sh\"].", nameof(command));
        using var scope = new ConnectScope(options.ConnectTimeout, cancellationToken);
        return await StartAndBootstrapAsync(command, ShellQuote.Join(command), options.Dotnet, options,
            CreateLogger(options), onShellReached: null, scope).ConfigureAwait(false);
    }

    /// <summary>
    /// Connects with the OpenSSH client and bootstraps the agent with <see cref="SshOptions.Dotnet"/>. Handshakes per
    /// destination are throttled (<see cref="SshThrottle"/>) and an sshd that drops the connection before the key
    /// exchange (MaxStartups) is retried with jittered backoff until the connect timeout.
    /// </summary>
    /// <exception cref="ArgumentException">The destination starts with '-' or contains whitespace/control characters.</exception>
    public static async Task<AgentLink> ConnectSshAsync(string destination, SshOptions ssh, RmoteOptions options,
        CancellationToken cancellationToken)
    {
        SshCommandLine.ValidateDestination(destination);
        var target = SshCommandLine.Describe(destination, ssh);
        var logger = CreateLogger(options);
        using var scope = new ConnectScope(options.ConnectTimeout, cancellationToken);
        var gate = SshThrottle.For(target);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await gate.WaitAsync(scope.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException e)
            {
                throw scope.Translate(e, target, standardError: null);
            }

            var held = 1;
            void Release()
            {
                if (Interlocked.Exchange(ref held, 0) == 1) gate.Release();
            }

            try
            {
                var argv = SshCommandLine.Build(destination, ssh, scope.Remaining);
                return await StartAndBootstrapAsync(argv, target, ssh.Dotnet, options, logger, Release, scope).ConfigureAwait(false);
            }
            catch (RmoteConnectException e) when (e.Reason == ConnectFailureReason.TransportFailed
                                                  && SshThrottle.IsTransient(e.StandardError ?? ""))
            {
                Release();
                var delay = Backoff(attempt);
                if (delay >= scope.Remaining) throw;
                logger.LogDebug("{Target}: sshd dropped the connection before the key exchange (busy); retry {Attempt} in {Delay} ms",
                    target, attempt, (int)delay.TotalMilliseconds);
                try
                {
                    await Task.Delay(delay, scope.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException oce)
                {
                    throw scope.Translate(oce, target, e.StandardError);
                }
            }
            finally
            {
                Release();
            }
        }
    }

    // 100 ms doubling to 2 s, times a random factor in [0.5, 1.5): racing connections spread out instead of
    // hitting sshd again in lock step.
    private static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Math.Min(2000, 100 * Math.Pow(2, attempt - 1)) * (0.5 + Random.Shared.NextDouble()));

    private static async Task<AgentLink> StartAndBootstrapAsync(IReadOnlyList<string> command, string target, string dotnet,
        RmoteOptions options, ILogger logger, Action? onShellReached, ConnectScope scope)
    {
        var bundle = options.AgentBundle ?? AgentBundle.Default;
        var link = AgentLink.Start(command, target, logger);
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
            var surfaced = scope.Translate(e, target, stderr);
            if (ReferenceEquals(surfaced, e)) throw;
            throw surfaced;
        }
    }

    /// <summary>The transport's logger for <paramref name="options"/>.</summary>
    internal static ILogger CreateLogger(RmoteOptions options) =>
        options.LoggerFactory?.CreateLogger(LoggerCategory) ?? NullLogger.Instance;
}
