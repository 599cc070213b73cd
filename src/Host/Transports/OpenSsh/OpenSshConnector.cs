using Microsoft.Extensions.Logging;

namespace Rmote.Transports.OpenSsh;

/// <summary>
/// Connects with the OpenSSH client and bootstraps the agent through the remote shell. With
/// <see cref="SshOptions.ConnectionSharing"/> a connection rides the destination's shared master
/// (<see cref="ControlMasters"/>); new TCP handshakes per destination are throttled (<see cref="SshThrottle"/>), and an
/// sshd that drops the connection before the key exchange (MaxStartups) is retried with jittered backoff until the
/// connect timeout.
/// </summary>
internal static class OpenSshConnector
{
    /// <summary>The OpenSSH transport; see <see cref="AgentTransports.ConnectSshAsync"/>.</summary>
    public static async Task<AgentTransport> ConnectAsync(string destination, SshOptions ssh, RmoteOptions options,
        ILogger logger, ConnectScope scope)
    {
        var target = SshCommandLine.Describe(destination, ssh);
        var sharingDirectory = ssh.ConnectionSharing && !SshCommandLine.ConfiguresSharing(ssh) ? ControlDirectory.Get(logger) : null;
        var key = ControlMasters.KeyFor(destination, ssh);
        var gate = SshThrottle.For(target);
        for (var attempt = 1; ; attempt++)
        {
            ControlMasters.Lease? lease = null;
            var held = 0;
            void Release()
            {
                if (Interlocked.Exchange(ref held, 0) == 1) gate.Release();
            }

            AgentTransport? transport = null;
            try
            {
                if (sharingDirectory is not null)
                    lease = await ControlMasters.AcquireAsync(sharingDirectory, key, logger, scope.Token).ConfigureAwait(false);
                // Riding a master is no handshake: only new TCP connections count against sshd's MaxStartups.
                if (lease?.Role != ControlMasters.Role.Client)
                {
                    await gate.WaitAsync(scope.Token).ConfigureAwait(false);
                    held = 1;
                }
                var argv = SshCommandLine.Build(destination, ssh, scope.Remaining, lease, CipherPreference.CpuHasAes);
                logger.LogDebug("{Target}: {Role} {Path}", target, lease?.Role.ToString() ?? "direct", lease?.Path);
                ProcessAgentTransport? started = null;
                transport = await AgentTransports.BootstrapAsync(
                    () => Task.FromResult<AgentTransport>(started = ProcessAgentTransport.Start(argv, target, logger)),
                    ssh.Dotnet, options, logger, () =>
                    {
                        Release();
                        lease?.MasterReady(started?.StandardErrorTail ?? "");
                    }, scope).ConfigureAwait(false);
                if (lease is not null) _ = transport.Exited.ContinueWith(_ => lease.Ended(), TaskScheduler.Default);
                return transport;
            }
            catch (RmoteConnectException e) when (e.Reason == ConnectFailureReason.TransportFailed
                                                  && SshThrottle.IsTransient(e.StandardError ?? ""))
            {
                lease?.Ended();
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
            catch (OperationCanceledException e) when (transport is null)
            {
                lease?.Ended();
                throw scope.Translate(e, target, standardError: null);
            }
            catch (Exception e)
            {
                lease?.Ended();
                var refined = SshFailures.Refine(e);
                if (ReferenceEquals(refined, e)) throw;
                throw refined;
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
}
